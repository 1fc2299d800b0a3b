/**
 * SQL of the `unit_moments` table (schema v4), shared by the SQLite and PostgreSQL stores: one
 * row per unit message, summed per arm into shopper-level `ArmMoments` (n = Σ first).
 * Column names are spelled out (not derived) because they must match the shipped migrations.
 */
import { emptyMoments, type ArmMoments } from '../../src/core/report/totals';
import { UNIT_FIELDS, UNIT_METRIC_NAMES, type UnitField, type UnitMetric } from '../../src/core/report/units';
import type { Arm } from '../../src/core/types';
import type { UnitMessage } from '../../src/core/unit-protocol';

const METRIC_COLUMN: Record<UnitMetric, string> = { ctr: 'x_ctr', addToCartRate: 'x_add_to_cart_rate', conversionRate: 'x_conversion_rate' };
const sumCol = (f: UnitField) => `s_${f}`;
const sqCol = (f: UnitField) => `q_${f}`;

const COLUMNS = ['unit_batch_id', 'campaign_id', 'arm', 'first', ...UNIT_FIELDS.map(sumCol), ...UNIT_FIELDS.map(sqCol), ...UNIT_METRIC_NAMES.map((k) => METRIC_COLUMN[k]), 'received_hour'];

/** Arrival time kept by the store: the hour only (see the v4 migration). */
export const receivedHour = (at: number): number => Math.floor(at / 3_600_000) * 3_600_000;

/** INSERT that does nothing for an id already stored; `param(i)` renders the i-th (0-based) placeholder. */
export function insertUnitSql(param: (i: number) => string, ignore: 'sqlite' | 'postgres'): string {
  const values = COLUMNS.map((_, i) => param(i)).join(', ');
  const head = ignore === 'sqlite' ? 'INSERT OR IGNORE INTO' : 'INSERT INTO';
  const tail = ignore === 'postgres' ? ' ON CONFLICT (unit_batch_id) DO NOTHING' : '';
  return `${head} unit_moments (${COLUMNS.join(', ')}) VALUES (${values})${tail}`;
}

/** The values of one message, in column order. */
export function unitRow(m: UnitMessage, at: number): Array<string | number> {
  return [
    m.unitBatchId,
    m.campaignId,
    m.arm,
    m.first,
    ...UNIT_FIELDS.map((f) => m.sum[f]),
    ...UNIT_FIELDS.map((f) => m.sumSq[f]),
    ...UNIT_METRIC_NAMES.map((k) => m.cross[k]),
    receivedHour(at),
  ];
}

/** Per-arm sums; floats so the sums of squares never overflow a 64-bit integer. */
export function unitMomentsSql(floatType: string, param: string): string {
  const f = (col: string, alias: string) => `SUM(CAST(${col} AS ${floatType})) AS ${alias}`;
  const cols = ['arm', f('first', 'n'), ...UNIT_FIELDS.map((x) => f(sumCol(x), `s_${x}`)), ...UNIT_FIELDS.map((x) => f(sqCol(x), `q_${x}`)), ...UNIT_METRIC_NAMES.map((k) => f(METRIC_COLUMN[k], METRIC_COLUMN[k]))];
  return `SELECT ${cols.join(', ')} FROM unit_moments WHERE campaign_id = ${param} GROUP BY arm ORDER BY arm`;
}

export type UnitMomentsRow = { arm: string } & Record<string, number | string | null>;

export function unitMomentsFromRow(r: UnitMomentsRow): ArmMoments {
  const m = emptyMoments(r.arm as Arm);
  m.batches = Number(r.n ?? 0);
  for (const x of UNIT_FIELDS) {
    m.sum[x] = Number(r[`s_${x}`] ?? 0);
    m.sumSq[x] = Number(r[`q_${x}`] ?? 0);
  }
  for (const k of UNIT_METRIC_NAMES) m.cross[k] = Number(r[METRIC_COLUMN[k]] ?? 0);
  return m;
}
