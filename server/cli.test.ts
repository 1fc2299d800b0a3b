import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli, type CliIo } from './commands';
import { SqliteStore } from './store/sqlite';
import { CAMPAIGN, tempDir } from './test-fixtures';
import { writeFixtures } from './text/presets/fixtures';

function io(env: Record<string, string> = {}, waitForShutdown = () => Promise.resolve()) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, waitForShutdown };
  return { io: value, out, err };
}

describe('reshelf CLI', () => {
  it('prints help, and exits 2 with usage on unknown commands or flags', async () => {
    const h = io();
    expect(await runCli(['help'], h.io)).toBe(0);
    for (const c of COMMANDS) expect(h.out.join('\n')).toContain(c.usage);
    for (const argv of [[], ['bogus'], ['serve', '--nope'], ['similarity'], ['similarity', 'rebuild', 'extra'], ['serve', '--port', 'abc'], ['seed']]) {
      const r = io();
      expect(await runCli(argv, r.io), argv.join(' ')).toBe(2);
      expect(r.err.join('\n')).toMatch(/usage/);
    }
  });

  it.skipIf(!process.env.RESHELF_PG_URL)('seeds and rebuilds on PostgreSQL with --database-url (needs RESHELF_PG_URL)', async () => {
    const t = tempDir();
    const file = join(t.dir, 'campaign.json');
    writeFileSync(file, JSON.stringify(CAMPAIGN));
    const url = process.env.RESHELF_PG_URL!;
    const seeded = io();
    expect(await runCli(['seed', '--campaign', file, '--database-url', url, '--warm', '20'], seeded.io), seeded.err.join('\n')).toBe(0);
    expect(seeded.out.join('\n')).toMatch(/(created|updated) campaign spring-sale[\s\S]*SIMULATED warm-up/);
    const rebuilt = io({ RESHELF_DATABASE_URL: url });
    expect(await runCli(['similarity', 'rebuild'], rebuilt.io), rebuilt.err.join('\n')).toBe(0);
    expect(rebuilt.out.join('\n')).toMatch(/similarity v\d+/);
    expect(await runCli(['seed', '--campaign', file, '--database-url', url, '--db', 'x.sqlite'], io().io)).toBe(2);
    t.cleanup();
  });

  it('seeds a campaign with a SIMULATED warm-up, then rebuilds similarity', async () => {
    const t = tempDir();
    const file = join(t.dir, 'campaign.json');
    const db = join(t.dir, 'db', 'reshelf.sqlite');
    writeFileSync(file, JSON.stringify(CAMPAIGN));
    const seeded = io();
    expect(await runCli(['seed', '--campaign', file, '--db', db, '--warm', '40', '--seed', '3'], seeded.io)).toBe(0);
    expect(seeded.out.join('\n')).toMatch(/created campaign spring-sale[\s\S]*SIMULATED warm-up: 40 synthetic sessions[\s\S]*similarity v1/);
    const rebuilt = io({ RESHELF_DB: db });
    expect(await runCli(['similarity', 'rebuild'], rebuilt.io)).toBe(0);
    expect(rebuilt.out.join('\n')).toMatch(/similarity v2/);
    const store = new SqliteStore(db);
    expect(await store.listCampaignIds()).toEqual(['spring-sale']);
    await store.close();
    t.cleanup();
  });

  it('fails with exit 1 and a message for a bad campaign file or a missing database', async () => {
    const t = tempDir();
    const file = join(t.dir, 'campaign.json');
    writeFileSync(file, JSON.stringify({ ...CAMPAIGN, items: [] }));
    const bad = io();
    expect(await runCli(['seed', '--campaign', file, '--db', join(t.dir, 'x.sqlite')], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/invalid campaign: campaign\.items/);
    const missing = io();
    expect(await runCli(['similarity', 'rebuild', '--db', join(t.dir, 'none.sqlite')], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/no database/);
    t.cleanup();
  });

  it('serves until shutdown, honouring PORT and RESHELF_DB', async () => {
    const t = tempDir();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const s = io({ PORT: '0', RESHELF_DB: join(t.dir, 'serve.sqlite') }, () => stopped);
    const running = runCli(['serve', '--rebuild-every', '0'], s.io);
    await expect.poll(() => s.out.join('\n'), { timeout: 5000 }).toMatch(/listening on http/);
    const url = /listening on (\S+)/.exec(s.out.join('\n'))![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(s.out.join('\n')).toMatch(/admin API disabled/);
    stop();
    expect(await running).toBe(0);
    t.cleanup();
  });
});

describe('reshelf text commands', () => {
  it('prepares the splits, then evaluates the baseline on a file in a preset layout (--model none)', async () => {
    const t = tempDir();
    const data = writeFixtures(join(t.dir, 'data'));
    const out = join(t.dir, 'prepared');
    const prepared = io();
    expect(await runCli(['text', 'prepare', '--data', data, '--out', out], prepared.io), prepared.err.join('\n')).toBe(0);
    expect(prepared.out.join('\n')).toMatch(/online-shopping-10-cats\s+zh\s+4\s+1/);
    // The fixture is tiny: score on the full file, train on the same file (only the plumbing is under test).
    const file = join(data, 'pricerunner-product-titles/pricerunner_aggregate.csv');
    const evaluated = io();
    const argv = ['eval', 'text', '--task', 'category', '--preset', 'pricerunner-product-titles', '--train', file, '--test', file, '--model', 'none', '--json'];
    expect(await runCli(argv, evaluated.io), evaluated.err.join('\n')).toBe(0);
    const report = JSON.parse(evaluated.out[0]!) as { model: unknown; baseline: { accuracy: number; macroF1: number; n: number; confusion: { labels: string[] } } };
    expect(report.model).toBeNull();
    expect(report.baseline).toMatchObject({ n: 3, confusion: { labels: ['phones', 'electronics', 'home_kitchen'] } });
    expect(report.baseline.accuracy).toBeGreaterThanOrEqual(0);
    expect(report.baseline.accuracy).toBeLessThanOrEqual(1);
    const human = io();
    expect(await runCli(argv.slice(0, -1).concat(['--baseline', 'nb']), human.io)).toBe(0);
    expect(human.out.join('\n')).toMatch(/baseline nb \(TF-IDF, \d+ features\): accuracy/);
    t.cleanup();
  });

  it('exits 2 on bad text flags and 1 when the model folder is missing', async () => {
    const t = tempDir();
    const data = writeFixtures(join(t.dir, 'data'));
    const waimai = join(data, 'waimai-10k/waimai_10k.csv');
    const usage: Array<[string[], RegExp]> = [
      [['eval', 'text', '--test', waimai], /--task category\|sentiment is required/],
      [['eval', 'text', '--task', 'intent', '--test', waimai], /--task must be one of category, sentiment/],
      [['eval', 'text', '--task', 'category', '--preset', 'waimai-10k', '--train', waimai, '--test', waimai], /preset waimai-10k has no category labels/],
      [['eval', 'text', '--task', 'sentiment', '--preset', 'nope', '--train', waimai, '--test', waimai], /unknown --preset "nope"/],
      [['eval', 'text', '--task', 'sentiment', '--test', waimai, '--model', 'none'], /--train is required/],
      [['eval', 'text', '--task', 'sentiment', '--test', waimai, '--train', waimai, '--baseline', 'svm'], /--baseline must be one of lr, nb, none/],
      [['text', 'card', '--dtype', 'int4'], /--dtype must be one of q8, fp32/],
    ];
    for (const [argv, message] of usage) {
      const r = io();
      expect(await runCli(argv, r.io), argv.join(' ')).toBe(2);
      expect(r.err.join('\n')).toMatch(message);
    }
    const missing = io();
    expect(await runCli(['eval', 'text', '--task', 'sentiment', '--test', waimai, '--train', waimai, '--preset', 'waimai-10k', '--model', join(t.dir, 'no-model')], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/no model at .*no-model \(missing config\.json.*--model none for the baseline alone/);
    t.cleanup();
  });
});
