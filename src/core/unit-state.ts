/**
 * The device's side of shopper-level moments (report/units.ts), per campaign: the totals of
 * every batch sealed so far, the totals the server has acknowledged, and at most one message in
 * flight. Totals advance to a message's target only on its acknowledgement; a refused message
 * is dropped and its increments roll into the next one; a failed one is retried with the same
 * id, so the server counts it once. Pure: the worker stores the state and does the sending.
 */
import { SESSION_GAP_MS } from './aggregate';
import { PROTOCOL_VERSION, type SignalBatch } from './protocol';
import { batchTotals } from './report/totals';
import { addUnitTotals, sameUnitTotals, unitIncrement, unitTotalsOf, UNIT_FIELDS, zeroUnitTotals, type UnitTotals } from './report/units';
import { isFiniteNumber, isRecord } from './result';
import { parseUnitMessage, UNIT_LIMITS, type UnitMessage } from './unit-protocol';
import type { Arm } from './types';

/** At most one unit message per this interval, so they stay rare and apart from the batches. */
export const UNIT_MIN_INTERVAL_MS = 5 * 60_000;

export interface PendingUnit {
  message: UnitMessage;
  /** The totals this message brings the server to. */
  target: UnitTotals;
  attempts: number;
  nextAttemptAt: number;
}

export interface UnitState {
  campaignId: string;
  /** The arm these totals were counted in; a change of arm starts over. */
  arm: Arm;
  /** Totals of every batch sealed in this campaign. */
  current: UnitTotals;
  /** Totals as of the last acknowledged unit message. */
  acked: UnitTotals;
  pending?: PendingUnit | undefined;
  /** When the last message was built; absent before the first. */
  builtAt?: number | undefined;
}

export function emptyUnitState(campaignId: string, arm: Arm): UnitState {
  return { campaignId, arm, current: zeroUnitTotals(), acked: zeroUnitTotals() };
}

/**
 * Adds batches the server counted to the current totals; a new arm starts over. Noised batches
 * are skipped: their counts are not the shopper's (and with noise no unit message is sent).
 */
export function recordSealed(state: UnitState, arm: Arm, batches: readonly SignalBatch[]): UnitState {
  const base = state.arm === arm ? state : emptyUnitState(state.campaignId, arm);
  let current = base.current;
  for (const b of batches) if (!b.noise) current = addUnitTotals(current, unitTotalsOf(batchTotals(b)));
  // Past the wire limit the server would refuse every message: stop growing instead.
  if (UNIT_FIELDS.some((f) => current[f] > UNIT_LIMITS.maxTotal)) return base;
  return { ...base, current };
}

export interface UnitMoment {
  now: number;
  /** The page is being hidden or closed (or was, before this page's first flush): the end of a visit. */
  pageHide: boolean;
  /** Time of the shopper's latest counted event, if any (a session ends after SESSION_GAP_MS of quiet). */
  lastEventAt?: number | undefined;
}

/** True when a new message should be built now: something to send, nothing in flight, a visit or session over, not too soon. */
export function unitDue(state: UnitState, at: UnitMoment): boolean {
  if (state.pending || sameUnitTotals(state.current, state.acked)) return false;
  if (state.builtAt !== undefined && at.now - state.builtAt < UNIT_MIN_INTERVAL_MS) return false;
  const sessionOver = at.lastEventAt !== undefined && at.now - at.lastEventAt > SESSION_GAP_MS;
  return at.pageHide || sessionOver;
}

/** Builds the message from the acknowledged totals to the current ones (call when `unitDue`). */
export function buildUnit(state: UnitState, now: number, newId: () => string): UnitState {
  const inc = unitIncrement(state.acked, state.current);
  const message: UnitMessage = { v: PROTOCOL_VERSION, unitBatchId: newId(), campaignId: state.campaignId, arm: state.arm, ...inc };
  return { ...state, builtAt: now, pending: { message, target: { ...state.current }, attempts: 0, nextAttemptAt: now } };
}

export type UnitOutcome = 'acked' | 'refused' | 'failed';

/** Applies the server's answer to the message in flight. */
export function settleUnit(state: UnitState, outcome: UnitOutcome, now: number, backoff: (attempts: number) => number): UnitState {
  const p = state.pending;
  if (!p) return state;
  if (outcome === 'acked') return { ...state, acked: p.target, pending: undefined };
  if (outcome === 'refused') return { ...state, pending: undefined };
  const attempts = p.attempts + 1;
  return { ...state, pending: { ...p, attempts, nextAttemptAt: now + backoff(attempts) } };
}

function unitTotals(v: unknown): UnitTotals | undefined {
  if (!isRecord(v)) return undefined;
  const t = zeroUnitTotals();
  for (const f of UNIT_FIELDS) {
    const x = v[f];
    if (!isFiniteNumber(x) || !Number.isSafeInteger(x) || x < 0 || x > UNIT_LIMITS.maxTotal) return undefined;
    t[f] = x;
  }
  return t;
}

/** Reads a stored state back (untrusted: an older build or another script may have written it); undefined starts over. */
export function storedUnitState(v: unknown, campaignId: string): UnitState | undefined {
  if (!isRecord(v) || v.campaignId !== campaignId || (v.arm !== 'treatment' && v.arm !== 'control')) return undefined;
  const current = unitTotals(v.current);
  const acked = unitTotals(v.acked);
  if (!current || !acked || UNIT_FIELDS.some((f) => acked[f] > current[f])) return undefined;
  const state: UnitState = { campaignId, arm: v.arm, current, acked };
  if (isFiniteNumber(v.builtAt)) state.builtAt = v.builtAt;
  if (v.pending !== undefined) {
    const p = v.pending;
    const message = isRecord(p) ? parseUnitMessage(p.message) : undefined;
    const target = isRecord(p) ? unitTotals(p.target) : undefined;
    if (!isRecord(p) || !message?.ok || !target || !isFiniteNumber(p.attempts) || !isFiniteNumber(p.nextAttemptAt)) return undefined;
    state.pending = { message: message.value, target, attempts: p.attempts, nextAttemptAt: p.nextAttemptAt };
  }
  return state;
}
