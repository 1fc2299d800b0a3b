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
const YOOCHOOSE = fileURLToPath(new URL('../../../shared/data/yoochoose-clicks-100k-valid/yoochoose-clicks-100k_train_', import.meta.url));
const hasYoochoose = existsSync(`${YOOCHOOSE}tr.txt`) && existsSync(`${YOOCHOOSE}valid.txt`);

describe.skipIf(!hasData)('eval reco on the Diginetica sample (end to end)', () => {
  it('replays the log through the production path and beats most-popular, item-kNN and SR (and V-SKNN on MRR@20)', () => {
    const sessions = filterLog(groupSessions(parseLog(readFileSync(SAMPLE, 'utf8'), { format: 'diginetica' })), 5);
    const { train, test } = splitByTime(sessions, 14);
    const r = evaluate({ train, test });
    expect(r.stats.testPrefixes).toBeGreaterThan(100);
    expect(r.stats.pairsSent).toBeGreaterThan(0);
    for (const name of ['most-popular', 'item-knn', 'sr'] as const) {
      const b = r.baselines[name]!;
      expect(r.ranker.hr20, name).toBeGreaterThan(b.hr20);
      expect(r.ranker.mrr20, name).toBeGreaterThan(b.mrr20);
      expect(r.ranker.cand50.ndcg10, name).toBeGreaterThan(b.cand50.ndcg10);
    }
    // Only ~150 test prefixes: V-SKNN is within a case or two on HR@20 and NDCG@10 here, so only
    // MRR@20 (8 points apart) is asserted; the YooChoose test below asserts all three.
    expect(r.ranker.mrr20).toBeGreaterThan(r.baselines['v-sknn']!.mrr20);
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

describe.skipIf(!hasYoochoose)('eval reco on a third of the YooChoose tuning split (CI subsample)', () => {
  // Full train_tr, every third train_valid session (~3,900 prefixes, a few seconds). On each of
  // the three thirds reshelf led V-SKNN, the strongest baseline, by 2.0–2.6 points HR@20,
  // 2.2–2.8 MRR@20 and 2.6–3.1 NDCG@10 (cand50) when this was written.
  it('beats every baseline on HR@20, MRR@20 and 50-candidate NDCG@10', () => {
    const load = (name: string) => filterLog(groupSessions(parseLog(readFileSync(`${YOOCHOOSE}${name}`, 'utf8'), { format: 'tsv' })), 1);
    const train = load('tr.txt');
    const test = load('valid.txt').filter((_, i) => i % 3 === 0);
    const r = evaluate({ train, test });
    expect(r.stats.testPrefixes).toBeGreaterThan(3000);
    for (const [name, b] of Object.entries(r.baselines)) {
      expect(r.ranker.hr20, name).toBeGreaterThan(b!.hr20);
      expect(r.ranker.mrr20, name).toBeGreaterThan(b!.mrr20);
      expect(r.ranker.cand50.ndcg10, name).toBeGreaterThan(b!.cand50.ndcg10);
    }
  }, 20_000);
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
