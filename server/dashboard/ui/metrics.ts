/** The report's four ratio metrics, in display order, with their labels and units. */
import type { RatioMetric } from '../../../src/core/report/totals';

export interface MetricInfo {
  key: RatioMetric;
  label: string;
  short: string;
  /** Rates show as percentages, revenue per session in the campaign's currency. */
  unit: 'rate' | 'money';
}

export const METRICS: readonly MetricInfo[] = [
  { key: 'ctr', label: 'Click-through rate', short: 'CTR', unit: 'rate' },
  { key: 'addToCartRate', label: 'Add-to-cart rate', short: 'Add-to-cart', unit: 'rate' },
  { key: 'conversionRate', label: 'Conversion rate', short: 'Conversion', unit: 'rate' },
  { key: 'revenuePerSession', label: 'Revenue per session', short: 'Revenue / session', unit: 'money' },
];

/** The test behind every p-value and CI in the report (see src/core/report/delta.ts). */
export const TEST_NAME = 'Two-sided z-test on the log ratio, delta-method variance';
