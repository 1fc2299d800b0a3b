/**
 * `reshelf eval reco`: the file-reading glue around the evaluation (everything else in
 * server/eval is pure). Prepared splits (--train/--test) are used as given apart from the
 * length and known-item filters, because upstream preprocessing (SR-GNN, session-rec) already
 * dropped rare items and refiltering would change the published test set; a single log
 * (--split-days) gets the full preprocessing, rare items included, before the split.
 */
import { readFile } from 'node:fs/promises';
import { detectFormat, parseLog, type LogFormat, type LogOptions } from './read-log';
import { BASELINES, evaluate, type BaselineName, type EvalReport } from './run';
import { filterLog, groupSessions, splitByTime, type Session } from './sessions';

export interface EvalRecoArgs {
  train?: string | undefined;
  test?: string | undefined;
  /** Single log split by time: the last `splitDays` days are the test set. */
  log?: string | undefined;
  splitDays?: number | undefined;
  format?: LogFormat | undefined;
  sessionCol?: string | undefined;
  itemCol?: string | undefined;
  timeCol?: string | undefined;
  sep?: string | undefined;
  timeUnit?: 's' | 'ms' | undefined;
  minSupport?: number | undefined;
  baselines?: readonly BaselineName[] | undefined;
  seed?: number | undefined;
}

async function readSessions(file: string, args: EvalRecoArgs): Promise<Session[]> {
  const text = await readFile(file, 'utf8');
  const header = text.slice(0, text.indexOf('\n') >>> 0);
  const options: LogOptions = {
    format: args.format ?? detectFormat(file, header),
    sessionCol: args.sessionCol, itemCol: args.itemCol, timeCol: args.timeCol, sep: args.sep, timeUnit: args.timeUnit,
  };
  return groupSessions(parseLog(text, options));
}

export async function runEvalReco(args: EvalRecoArgs): Promise<EvalReport> {
  let train: Session[];
  let test: Session[];
  const filters: Record<string, string | number> = { minSessionLength: 2, testItemsInTrain: 'yes' };
  if (args.log !== undefined) {
    const days = args.splitDays ?? 1;
    const minSupport = args.minSupport ?? 5;
    ({ train, test } = splitByTime(filterLog(await readSessions(args.log, args), minSupport), days));
    Object.assign(filters, { minItemSupport: minSupport, split: `last ${days} day(s) as test` });
  } else {
    if (!args.train || !args.test) throw new Error('give --train and --test, or one log with --split-days');
    const minSupport = args.minSupport ?? 1;
    train = filterLog(await readSessions(args.train, args), minSupport);
    test = filterLog(await readSessions(args.test, args), 1);
    Object.assign(filters, { minItemSupport: minSupport, split: 'as given' });
  }
  if (train.length === 0) throw new Error('no training sessions left after filtering');
  return evaluate({ train, test, filters, baselines: args.baselines ?? BASELINES, seed: args.seed ?? 42 });
}

const pct = (x: number) => (x * 100).toFixed(2).padStart(6);

/** Human-readable report: statistics, then one line per model. */
export function formatReport(r: EvalReport): string[] {
  const s = r.stats;
  const lines = [
    `train: ${s.trainSessions} sessions, ${s.trainClicks} clicks, ${s.items} items (avg ${s.avgTrainSessionLength} clicks/session)`,
    `test: ${s.testSessions} sessions, ${s.testClicks} clicks, ${s.testPrefixes} prefixes; next item already in session ${pct(s.revisitShare)}%, equal to the last ${pct(s.repeatShare)}%`,
    `filters: ${Object.entries(s.filters).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    `reshelf aggregate path: ${s.batchesSent} batches, ${s.pairsSent} pairs sent; ${s.itemsWithNeighbours} items with neighbours`,
    '',
    `${'model'.padEnd(14)}  HR@20   MRR@20 | cand50: HR@5  NDCG@10    MRR | eval ms`,
  ];
  const row = (name: string, m: EvalReport['ranker'], ms: number | undefined) =>
    `${name.padEnd(14)} ${pct(m.hr20)}  ${pct(m.mrr20)} |      ${pct(m.cand50.hr5)}  ${pct(m.cand50.ndcg10)} ${pct(m.cand50.mrr)} | ${ms ?? ''}`;
  lines.push(row('reshelf', r.ranker, r.timing.evalMs.reshelf));
  for (const [name, m] of Object.entries(r.baselines)) if (m) lines.push(row(name, m, r.timing.evalMs[name]));
  lines.push('', `reshelf: ${r.timing.rankerMsPerPrefix} ms per ranked prefix; training ${JSON.stringify(r.timing.trainMs)} ms; total ${(r.timing.totalMs / 1000).toFixed(1)} s`);
  return lines;
}
