/**
 * The `reshelf` bin: wires the command table to the real process (stdio, env, signals).
 * No shebang here: rollup.config.mjs adds `#!/usr/bin/env node` as a banner, and two break the build.
 */
import { runCli } from './commands';

const shutdown = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  waitForShutdown: shutdown,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`reshelf: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
