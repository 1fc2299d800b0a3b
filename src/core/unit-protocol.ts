/**
 * Wire format of `POST /v1/units`: one shopper's increment of campaign totals (report/units.ts).
 * Item-free by construction: counts only, no item ids, no device id, no time. Validated strictly,
 * including that the numbers are what some real totals T ≤ T' would produce, so a forged or
 * corrupted message cannot push an arm's sums of squares below what its sums allow.
 */
import { isValidId, PROTOCOL_VERSION } from './protocol';
import { UNIT_FIELDS, UNIT_METRIC_NAMES, UNIT_METRICS, type UnitField, type UnitIncrement, type UnitTotals } from './report/units';
import { describe, fail, isRecord, ok, type Result } from './result';
import type { Arm } from './types';

export interface UnitMessage extends UnitIncrement {
  v: typeof PROTOCOL_VERSION;
  /** Random per message (never per shopper); the server drops an id it has already stored. */
  unitBatchId: string;
  campaignId: string;
  arm: Arm;
}

export interface UnitAck {
  unitBatchId: string;
  duplicate: boolean;
}

export const UNIT_LIMITS = {
  /** Largest cumulative total per field a shopper may report; its square stays an exact double. */
  maxTotal: 10_000_000,
  /** Raw body cap of /v1/units (a message is about 400 bytes). */
  maxBytes: 4096,
} as const;

const KEYS = ['v', 'unitBatchId', 'campaignId', 'arm', 'first', 'sum', 'sumSq', 'cross'];

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function exactKeys(v: unknown, keys: readonly string[], at: string): Result<Record<string, unknown>> {
  if (!isRecord(v)) return fail(`${at} must be an object, got ${describe(v)}`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) return fail(`${at} has an unknown field ${describe(k)}`);
  for (const k of keys) if (!(k in v)) return fail(`${at}.${k} is missing`);
  return ok(v);
}

function wholeRecord<K extends string>(v: unknown, keys: readonly K[], at: string, max: number): Result<Record<K, number>> {
  const r = exactKeys(v, keys, at);
  if (!r.ok) return r;
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const x = r.value[k];
    if (!isWhole(x) || x > max) return fail(`${at}.${k} must be an integer 0..${max}, got ${describe(x)}`);
    out[k] = x;
  }
  return ok(out);
}

/**
 * Totals before the message, recovered per field from Δ and Δ(x²) = 2·T·Δ + Δ²; null when Δ = 0
 * (then T is not visible, and Δ(x²) must be 0).
 */
function totalsBefore(sum: UnitTotals, sumSq: UnitTotals): Result<Record<UnitField, number | null>> {
  const before = {} as Record<UnitField, number | null>;
  for (const f of UNIT_FIELDS) {
    const d = sum[f];
    if (d === 0) {
      if (sumSq[f] !== 0) return fail(`sumSq.${f} must be 0 when sum.${f} is 0, got ${sumSq[f]}`);
      before[f] = null;
      continue;
    }
    const twice = sumSq[f] - d * d; // = 2·T·Δ
    if (twice < 0 || twice % (2 * d) !== 0) return fail(`sumSq.${f} (${sumSq[f]}) is not T'² − T² for any whole T ≥ 0 with sum.${f} = ${d}`);
    const t = twice / (2 * d);
    if (t + d > UNIT_LIMITS.maxTotal) return fail(`totals of ${f} must stay ≤ ${UNIT_LIMITS.maxTotal}, got ${t + d}`);
    before[f] = t;
  }
  return ok(before);
}

/** Validates an untrusted unit message (HTTP body, stored on the device). */
export function parseUnitMessage(v: unknown): Result<UnitMessage> {
  const top = exactKeys(v, KEYS, 'unit message');
  if (!top.ok) return top;
  const m = top.value;
  if (m.v !== PROTOCOL_VERSION) return fail(`unit message v must be ${PROTOCOL_VERSION}, got ${describe(m.v)}`);
  if (!isValidId(m.unitBatchId)) return fail(`unitBatchId must be an id ([A-Za-z0-9._:-], ≤ 64 chars), got ${describe(m.unitBatchId)}`);
  if (!isValidId(m.campaignId)) return fail(`campaignId must be an id, got ${describe(m.campaignId)}`);
  if (m.arm !== 'treatment' && m.arm !== 'control') return fail(`arm must be "treatment" or "control", got ${describe(m.arm)}`);
  if (m.first !== 0 && m.first !== 1) return fail(`first must be 0 or 1, got ${describe(m.first)}`);
  const max = UNIT_LIMITS.maxTotal;
  const sum = wholeRecord(m.sum, UNIT_FIELDS, 'sum', max);
  if (!sum.ok) return sum;
  const sumSq = wholeRecord(m.sumSq, UNIT_FIELDS, 'sumSq', max * max);
  if (!sumSq.ok) return sumSq;
  const cross = wholeRecord(m.cross, UNIT_METRIC_NAMES, 'cross', max * max);
  if (!cross.ok) return cross;
  if (UNIT_FIELDS.every((f) => sum.value[f] === 0)) return fail('a unit message must add to at least one total (sum is all 0)');
  const before = totalsBefore(sum.value, sumSq.value);
  if (!before.ok) return before;
  if (m.first === 1 && UNIT_FIELDS.some((f) => (before.value[f] ?? 0) !== 0)) return fail('first is 1 but sumSq shows totals before this message');
  for (const k of UNIT_METRIC_NAMES) {
    const [num, den] = UNIT_METRICS[k];
    // With T = 0 (first) every field's totals are known; otherwise only fields that moved.
    const tn = m.first === 1 ? 0 : before.value[num];
    const td = m.first === 1 ? 0 : before.value[den];
    if (tn === null || td === null) continue;
    const expected = (tn + sum.value[num]) * (td + sum.value[den]) - tn * td;
    if (cross.value[k] !== expected) return fail(`cross.${k} must be ${expected} for these sums, got ${cross.value[k]}`);
  }
  return ok({ v: PROTOCOL_VERSION, unitBatchId: m.unitBatchId, campaignId: m.campaignId, arm: m.arm, first: m.first, sum: sum.value, sumSq: sumSq.value, cross: cross.value });
}
