// Starts the built demo (backend + storefront) on a fresh SQLite file for one e2e run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'reshelf-e2e-'));
process.env.RESHELF_DB = join(dir, 'e2e.sqlite');
const { startDemo } = await import('../../dist/demo.js');
const server = await startDemo({ port: Number(process.env.PORT), dbPath: process.env.RESHELF_DB, staticDir: 'dist' });
console.log(`e2e server at ${server.url} (db ${process.env.RESHELF_DB})`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
