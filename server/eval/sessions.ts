/**
 * Sessions from click rows, the time split and the usual filters of the session-based protocol
 * (Ludewig & Jannach, session-rec): drop sessions of length 1, drop items with fewer than
 * `minSupport` clicks, drop sessions left shorter than 2; test clicks on items never seen in
 * train are removed, then test sessions shorter than 2. Pure.
 */
import type { LogRows } from './read-log';

export interface Session {
  id: string;
  items: string[];
  /** ms since the epoch (or positions for logs without real time), ascending. */
  times: number[];
}

export const DAY_MS = 86_400_000;

/** Groups rows by session, orders clicks by time (file order breaks ties) and sessions by start. */
export function groupSessions(rows: LogRows): Session[] {
  const byId = new Map<string, number[]>();
  for (let i = 0; i < rows.session.length; i++) {
    const s = rows.session[i]!;
    let list = byId.get(s);
    if (!list) byId.set(s, (list = []));
    list.push(i);
  }
  const out: Session[] = [];
  for (const [id, idx] of byId) {
    idx.sort((a, b) => rows.time[a]! - rows.time[b]! || a - b);
    out.push({ id, items: idx.map((i) => rows.item[i]!), times: idx.map((i) => rows.time[i]!) });
  }
  return out.sort((a, b) => a.times[0]! - b.times[0]!);
}

/** Drops short sessions and rare items, once, as the common preprocessing does. */
export function filterLog(sessions: readonly Session[], minSupport: number): Session[] {
  const long = sessions.filter((s) => s.items.length > 1);
  if (minSupport <= 1) return long;
  const support = new Map<string, number>();
  for (const s of long) for (const it of s.items) support.set(it, (support.get(it) ?? 0) + 1);
  return keep(long, (it) => (support.get(it) ?? 0) >= minSupport);
}

/** Test sessions restricted to items the training data knows. */
export function filterTest(test: readonly Session[], train: readonly Session[]): Session[] {
  const known = new Set<string>();
  for (const s of train) for (const it of s.items) known.add(it);
  return keep(test, (it) => known.has(it));
}

function keep(sessions: readonly Session[], ok: (item: string) => boolean): Session[] {
  const out: Session[] = [];
  for (const s of sessions) {
    const items: string[] = [];
    const times: number[] = [];
    s.items.forEach((it, i) => { if (ok(it)) { items.push(it); times.push(s.times[i]!); } });
    if (items.length > 1) out.push({ id: s.id, items, times });
  }
  return out;
}

/** The last `days` of the log are the test set: sessions that end after (last click − days). */
export function splitByTime(sessions: readonly Session[], days: number): { train: Session[]; test: Session[] } {
  let max = -Infinity;
  for (const s of sessions) max = Math.max(max, s.times[s.times.length - 1]!);
  const cut = max - days * DAY_MS;
  const train: Session[] = [];
  const test: Session[] = [];
  for (const s of sessions) (s.times[s.times.length - 1]! > cut ? test : train).push(s);
  return { train, test };
}

export interface DataStats {
  trainSessions: number;
  trainClicks: number;
  testSessions: number;
  testClicks: number;
  items: number;
  /** Test cases: every prefix of every test session predicts its next click. */
  testPrefixes: number;
  /** Share of test cases whose next item already occurs in the prefix (re-visits). */
  revisitShare: number;
  /** Share of test cases whose next item equals the last one (repeated click). */
  repeatShare: number;
  avgTrainSessionLength: number;
}

export function dataStats(train: readonly Session[], test: readonly Session[]): DataStats {
  const items = new Set<string>();
  let trainClicks = 0;
  for (const s of train) { trainClicks += s.items.length; for (const it of s.items) items.add(it); }
  let testClicks = 0;
  let prefixes = 0;
  let revisits = 0;
  let repeats = 0;
  for (const s of test) {
    testClicks += s.items.length;
    const seen = new Set<string>([s.items[0]!]);
    for (let k = 1; k < s.items.length; k++) {
      prefixes++;
      const next = s.items[k]!;
      if (seen.has(next)) revisits++;
      if (next === s.items[k - 1]) repeats++;
      seen.add(next);
    }
  }
  const share = (x: number) => (prefixes ? Math.round((x / prefixes) * 1e4) / 1e4 : 0);
  return {
    trainSessions: train.length, trainClicks, testSessions: test.length, testClicks, items: items.size,
    testPrefixes: prefixes, revisitShare: share(revisits), repeatShare: share(repeats),
    avgTrainSessionLength: train.length ? Math.round((trainClicks / train.length) * 100) / 100 : 0,
  };
}
