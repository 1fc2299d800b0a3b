/**
 * The `reshelf` command table. Each command declares its flags and a `run`; later issues add
 * entries (eval, simulate) without touching the dispatcher. Exit codes: 0 ok, 1 failed, 2 usage.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { seedCampaign, warmSimilarity } from './seed';
import { SimilarityService } from './similarity-job';
import { openStore } from './store/open';
import { parseSqliteSync, type SqliteSync } from './store/sqlite-sync';
import { UsageError } from './cli-args';
import { DEFAULT_REBUILD_EVERY_SECONDS, startServer } from './main';
import { formatReport, runEvalReco } from './eval/command';
import { BASELINES, type BaselineName } from './eval/run';
import { SIMULATE_COMMANDS } from './simulate/command';
import { PRIVACY_COMMANDS } from './simulate/privacy-command';
import { EXPLORE_COMMANDS } from './explore/command';
import { TEXT_COMMANDS } from './text/command';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the server should stop (the real CLI: SIGINT/SIGTERM). */
  waitForShutdown: () => Promise<void>;
}

type Flags = Record<string, string | boolean | Array<string | boolean> | undefined>;
type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  /** Words after `reshelf`, e.g. ['similarity', 'rebuild']. */
  path: readonly string[];
  usage: string;
  summary: string;
  flags: FlagSpec;
  run: (flags: Flags, io: CliIo) => Promise<number>;
}

export { UsageError };

const DEFAULT_DB = '.data/reshelf.sqlite';
const dbFlag = { db: { type: 'string' }, 'database-url': { type: 'string' } } as const satisfies FlagSpec;

/** --db (SQLite) or --database-url / RESHELF_DATABASE_URL (PostgreSQL), never both. */
function storeConfig(f: Flags, io: CliIo): { dbPath: string } | { databaseUrl: string } {
  const url = str(f['database-url']) ?? (io.env.RESHELF_DATABASE_URL || undefined);
  if (url && str(f.db)) throw new UsageError('give --db (SQLite) or --database-url (PostgreSQL), not both');
  return url ? { databaseUrl: url } : { dbPath: dbPath(f, io) };
}
const dbPath = (f: Flags, io: CliIo) => str(f.db) ?? io.env.RESHELF_DB ?? DEFAULT_DB;
const str = (v: Flags[string]) => (typeof v === 'string' ? v : undefined);

function int(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max) throw new UsageError(`${name} must be an integer ${min}..${max}, got ${JSON.stringify(v)}`);
  return n;
}

export const COMMANDS: Command[] = [
  {
    path: ['serve'],
    usage: 'reshelf serve [--port 8080] [--host 127.0.0.1] [--db path | --database-url postgres://…] [--static dir] [--cors origin]... [--rebuild-every seconds]',
    summary: 'run the HTTP API (env: PORT, RESHELF_DB, RESHELF_DATABASE_URL, RESHELF_ADMIN_TOKEN, RESHELF_CORS_ORIGINS, RESHELF_SQLITE_SYNC=normal|full)',
    flags: { ...dbFlag, port: { type: 'string' }, host: { type: 'string' }, static: { type: 'string' }, cors: { type: 'string', multiple: true }, 'rebuild-every': { type: 'string' } },
    async run(f, io) {
      const port = int(str(f.port) ?? io.env.PORT, '--port', 0, 65535) ?? 8080;
      const every = int(str(f['rebuild-every']), '--rebuild-every', 0, 86_400) ?? DEFAULT_REBUILD_EVERY_SECONDS;
      const cors = (Array.isArray(f.cors) ? f.cors.filter((o): o is string => typeof o === 'string') : undefined) ?? io.env.RESHELF_CORS_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
      const url = str(f['database-url']) ?? (io.env.RESHELF_DATABASE_URL || undefined);
      if (url && str(f.db)) throw new UsageError('give --db (SQLite) or --database-url (PostgreSQL), not both');
      let sqliteSync: SqliteSync;
      try {
        sqliteSync = parseSqliteSync(io.env.RESHELF_SQLITE_SYNC);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
      const server = await startServer({
        port, host: str(f.host), ...(url ? { databaseUrl: url } : { dbPath: dbPath(f, io) }), staticDir: str(f.static), corsOrigins: cors,
        adminToken: io.env.RESHELF_ADMIN_TOKEN || undefined, rebuildEverySeconds: every, sqliteSync,
      });
      io.out(`reshelf listening on ${server.url} (db ${url ? 'PostgreSQL' : `${dbPath(f, io)}, SQLite synchronous=${sqliteSync}`}, admin API ${io.env.RESHELF_ADMIN_TOKEN ? 'enabled' : 'disabled'})`);
      await io.waitForShutdown();
      await server.close();
      return 0;
    },
  },
  {
    path: ['seed'],
    usage: 'reshelf seed --campaign file.json [--db path | --database-url postgres://…] [--warm sessions] [--seed n]',
    summary: 'store a campaign; --warm adds SIMULATED shopper sessions so the demo has similarity',
    flags: { ...dbFlag, campaign: { type: 'string' }, warm: { type: 'string' }, seed: { type: 'string' } },
    async run(f, io) {
      const file = str(f.campaign);
      if (!file) throw new UsageError('--campaign file.json is required');
      const warm = int(str(f.warm), '--warm', 0, 1_000_000) ?? 0;
      const seed = int(str(f.seed), '--seed', 0, 2 ** 31 - 1) ?? 1;
      const json: unknown = JSON.parse(await readFile(file, 'utf8'));
      const store = await openStore(storeConfig(f, io));
      try {
        const { campaign, created } = await seedCampaign(store, json);
        io.out(`${created ? 'created' : 'updated'} campaign ${campaign.id} (${campaign.items.length} items)`);
        if (warm > 0) {
          const r = await warmSimilarity(store, campaign, { sessions: warm, seed });
          io.out(`SIMULATED warm-up: ${r.batches} synthetic sessions (${r.duplicates} already stored), similarity v${r.version} for ${r.items} items`);
        }
      } finally {
        await store.close();
      }
      return 0;
    },
  },
  {
    path: ['similarity', 'rebuild'],
    usage: 'reshelf similarity rebuild [--db path | --database-url postgres://…]',
    summary: 'rebuild item-to-item similarity from the stored pairs now',
    flags: { ...dbFlag },
    async run(f, io) {
      const config = storeConfig(f, io);
      if ('dbPath' in config && !existsSync(config.dbPath)) throw new Error(`no database at ${config.dbPath}`);
      const store = await openStore(config);
      try {
        const r = await (await SimilarityService.open(store)).rebuild();
        io.out(`similarity v${r.version}: ${r.items} items with neighbours`);
      } finally {
        await store.close();
      }
      return 0;
    },
  },
  {
    path: ['eval', 'reco'],
    usage: 'reshelf eval reco (--train file --test file | --log file --split-days n) [--format diginetica|tsv|csv] [--session-col c] [--item-col c] [--time-col c] [--sep s] [--time-unit s|ms] [--min-support n] [--baselines a,b] [--seed n] [--json]',
    summary: 'replay a session log through the SDK aggregation, similarity builder and ranker; HR@20/MRR@20 and 50-candidate metrics beside baselines',
    flags: {
      train: { type: 'string' }, test: { type: 'string' }, log: { type: 'string' }, 'split-days': { type: 'string' },
      format: { type: 'string' }, 'session-col': { type: 'string' }, 'item-col': { type: 'string' }, 'time-col': { type: 'string' },
      sep: { type: 'string' }, 'time-unit': { type: 'string' }, 'min-support': { type: 'string' }, baselines: { type: 'string' },
      seed: { type: 'string' }, json: { type: 'boolean' },
    },
    async run(f, io) {
      const format = str(f.format);
      if (format !== undefined && !['diginetica', 'tsv', 'csv'].includes(format)) throw new UsageError(`--format must be diginetica, tsv or csv, got ${JSON.stringify(format)}`);
      const timeUnit = str(f['time-unit']);
      if (timeUnit !== undefined && timeUnit !== 's' && timeUnit !== 'ms') throw new UsageError(`--time-unit must be s or ms, got ${JSON.stringify(timeUnit)}`);
      const splitDays = str(f['split-days']);
      const days = splitDays === undefined ? undefined : Number(splitDays);
      if (days !== undefined && !(days > 0)) throw new UsageError(`--split-days must be a positive number, got ${JSON.stringify(splitDays)}`);
      // One file with --split-days may come as --log or as --train alone.
      const log = str(f.log) ?? (days !== undefined && !str(f.test) ? str(f.train) : undefined);
      if (!log && !(str(f.train) && str(f.test))) throw new UsageError('give --train and --test, or --log (or --train) with --split-days');
      const baselines = str(f.baselines)?.split(',').map((b) => b.trim()).filter(Boolean);
      const unknown = baselines?.find((b) => !(BASELINES as readonly string[]).includes(b));
      if (unknown !== undefined) throw new UsageError(`unknown baseline ${JSON.stringify(unknown)}; known: ${BASELINES.join(', ')}`);
      const report = await runEvalReco({
        train: log ? undefined : str(f.train), test: log ? undefined : str(f.test), log, splitDays: days,
        format: format as 'diginetica' | 'tsv' | 'csv' | undefined, sessionCol: str(f['session-col']), itemCol: str(f['item-col']), timeCol: str(f['time-col']),
        sep: str(f.sep)?.replace(/^\\t$/, '\t'), timeUnit: timeUnit as 's' | 'ms' | undefined,
        minSupport: int(str(f['min-support']), '--min-support', 1, 1_000_000), seed: int(str(f.seed), '--seed', 0, 2 ** 31 - 1),
        baselines: baselines as BaselineName[] | undefined,
      });
      if (f.json) io.out(JSON.stringify(report));
      else for (const line of formatReport(report)) io.out(line);
      return 0;
    },
  },
  ...SIMULATE_COMMANDS,
  ...PRIVACY_COMMANDS,
  ...EXPLORE_COMMANDS,
  ...TEXT_COMMANDS,
  {
    path: ['help'],
    usage: 'reshelf help',
    summary: 'show this help',
    flags: {},
    async run(_f, io) {
      io.out(usage());
      return 0;
    },
  },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return ['usage: reshelf <command> [flags]', '', ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`)].join('\n');
}

/** Longest command path matching the leading words. */
function findCommand(argv: readonly string[]): Command | undefined {
  return [...COMMANDS].sort((a, b) => b.path.length - a.path.length).find((c) => c.path.every((w, i) => argv[i] === w));
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.err(`reshelf: no command given\n\n${usage()}`);
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h') {
    io.out(usage());
    return 0;
  }
  const cmd = findCommand(argv);
  if (!cmd) {
    io.err(`reshelf: unknown command ${JSON.stringify(argv.slice(0, 2).join(' '))}\n\n${usage()}`);
    return 2;
  }
  try {
    const rest = argv.slice(cmd.path.length);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`usage: ${cmd.usage}`);
      return 0;
    }
    let flags: Flags;
    try {
      flags = parseArgs({ args: [...rest], options: cmd.flags, strict: true, allowPositionals: false }).values as Flags;
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    return await cmd.run(flags, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`reshelf ${cmd.path.join(' ')}: ${e.message}\nusage: ${cmd.usage}`);
      return 2;
    }
    io.err(`reshelf ${cmd.path.join(' ')}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
