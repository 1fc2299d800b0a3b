/** The per-arm table: one row per count or metric, control beside treatment. Pure. */
import type { ArmMetrics } from '../../../src/core/report/metrics';
import { count, money, percent } from './format';

export interface ArmRow {
  label: string;
  control: string;
  treatment: string;
}

export function armRows(arms: { treatment: ArmMetrics; control: ArmMetrics }, currency: string): ArmRow[] {
  const row = (label: string, f: (m: ArmMetrics) => string): ArmRow => ({ label, control: f(arms.control), treatment: f(arms.treatment) });
  return [
    row('Sessions', (m) => count(m.sessions)),
    row('Batches (shopper uploads)', (m) => count(m.batches)),
    row('Impressions', (m) => count(m.impressions)),
    row('Clicks', (m) => count(m.clicks)),
    row('Add-to-carts', (m) => count(m.carts)),
    row('Purchased units', (m) => count(m.purchases)),
    row('Revenue', (m) => money(m.revenue, currency)),
    row('Click-through rate', (m) => percent(m.ctr)),
    row('Add-to-cart rate (per session)', (m) => percent(m.addToCartRate)),
    row('Conversion rate (per session)', (m) => percent(m.conversionRate)),
    row('Revenue per session', (m) => money(m.revenuePerSession, currency)),
  ];
}
