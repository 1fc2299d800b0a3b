/**
 * The per-arm moments query over `batch_totals`, generated from the report's field list so the
 * SQL cannot drift from the math. Plain SQL (SUM, CAST … AS REAL → double precision in
 * PostgreSQL: replace REAL with double precision there); floats so Σx² never overflows int64.
 */
import { RATIO_METRIC_NAMES, RATIO_METRICS, TOTAL_FIELDS, emptyMoments, type ArmMoments } from '../../src/core/report/totals';
import type { Arm } from '../../src/core/types';

export type MomentsRow = { arm: string; n: number } & Record<string, number | string>;

export function momentsSql(floatType = 'REAL', param = '?'): string {
  const cols = [
    'arm',
    'COUNT(*) AS n',
    ...TOTAL_FIELDS.map((f) => `SUM(CAST(${f} AS ${floatType})) AS s_${f}`),
    ...TOTAL_FIELDS.map((f) => `SUM(CAST(${f} AS ${floatType}) * ${f}) AS q_${f}`),
    ...RATIO_METRIC_NAMES.map((k) => `SUM(CAST(${RATIO_METRICS[k][0]} AS ${floatType}) * ${RATIO_METRICS[k][1]}) AS x_${k}`),
  ];
  return `SELECT ${cols.join(', ')} FROM batch_totals WHERE campaign_id = ${param} GROUP BY arm ORDER BY arm`;
}

export const MOMENTS_SQL = momentsSql();

export function momentsFromRow(r: MomentsRow): ArmMoments {
  const m = emptyMoments(r.arm as Arm);
  m.batches = Number(r.n);
  for (const f of TOTAL_FIELDS) {
    m.sum[f] = Number(r[`s_${f}`] ?? 0);
    m.sumSq[f] = Number(r[`q_${f}`] ?? 0);
  }
  for (const k of RATIO_METRIC_NAMES) m.cross[k] = Number(r[`x_${k}`] ?? 0);
  return m;
}
