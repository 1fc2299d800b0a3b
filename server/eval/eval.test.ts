import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../commands';
import { parseLog } from './read-log';
import { evaluate } from './run';
import { filterLog, groupSessions, splitByTime } from './sessions';

// The shared data sit beside the repository (CI has them); elsewhere these tests skip.
const SAMPLE = fileURLToPath(new URL('../../../shared/data/diginetica-sample/sample_train-item-views.csv', import.meta.url));
const hasData = existsSync(SAMPLE);

describe.skipIf(!hasData)('eval reco on the Diginetica sample (end to end)', () => {
  it('replays the log through the production path and beats most-popular and item-kNN', () => {
    const sessions = filterLog(groupSessions(parseLog(readFileSync(SAMPLE, 'utf8'), { format: 'diginetica' })), 5);
    const { train, test } = splitByTime(sessions, 14);
    const r = evaluate({ train, test, baselines: ['most-popular', 'item-knn'] });
    expect(r.stats.testPrefixes).toBeGreaterThan(100);
    expect(r.stats.pairsSent).toBeGreaterThan(0);
    const pop = r.baselines['most-popular']!;
    const knn = r.baselines['item-knn']!;
    expect(r.ranker.hr20).toBeGreaterThan(pop.hr20);
    expect(r.ranker.mrr20).toBeGreaterThan(pop.mrr20);
    expect(r.ranker.cand50.ndcg10).toBeGreaterThan(pop.cand50.ndcg10);
    expect(r.ranker.hr20).toBeGreaterThan(knn.hr20);
    expect(r.ranker.mrr20).toBeGreaterThan(knn.mrr20);
  });

  it('prints one JSON object with the documented shape through the CLI', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), env: {}, waitForShutdown: () => Promise.resolve() };
    expect(await runCli(['eval', 'reco', '--log', SAMPLE, '--split-days', '7', '--json'], io)).toBe(0);
    expect(out).toHaveLength(1);
    const r = JSON.parse(out[0]!) as Record<string, Record<string, unknown>>;
    for (const m of [r.ranker, ...Object.values(r.baselines!)] as Array<Record<string, unknown>>) {
      expect(m).toEqual({ hr20: expect.any(Number), mrr20: expect.any(Number), cand50: { hr5: expect.any(Number), ndcg10: expect.any(Number), mrr: expect.any(Number) } });
    }
    expect(Object.keys(r.baselines!)).toEqual(['most-popular', 'item-knn', 'sr', 'v-sknn']);
    expect(r.stats).toMatchObject({ testPrefixes: expect.any(Number), trainSessions: expect.any(Number) });
    expect(r.timing).toMatchObject({ rankerMsPerPrefix: expect.any(Number) });
  });
});

describe('eval reco usage', () => {
  it('exits 2 with usage for missing files or bad flags', async () => {
    for (const argv of [['eval', 'reco'], ['eval', 'reco', '--train', 'x'], ['eval', 'reco', '--log', 'x', '--split-days', '0'], ['eval', 'reco', '--train', 'a', '--test', 'b', '--format', 'xml'], ['eval', 'reco', '--train', 'a', '--test', 'b', '--baselines', 'gru4rec']]) {
      const err: string[] = [];
      expect(await runCli(argv, { out: () => {}, err: (l) => err.push(l), env: {}, waitForShutdown: () => Promise.resolve() }), argv.join(' ')).toBe(2);
      expect(err.join('\n')).toMatch(/usage/);
    }
  });
});
