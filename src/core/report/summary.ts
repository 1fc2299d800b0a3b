/** Plain-language summary of the report in English and Chinese, built only from its numbers. */
import type { Lift } from './delta';
import type { ItemReportRow } from './items';
import type { ArmMetrics } from './metrics';
import { RATIO_METRIC_NAMES, type RatioMetric } from './totals';

export interface SummaryInput {
  arms: { treatment: ArmMetrics; control: ArmMetrics };
  lift: Record<RatioMetric, Lift>;
  items: readonly ItemReportRow[];
}

const NAMES: Record<RatioMetric, { en: string; zh: string }> = {
  ctr: { en: 'click-through rate', zh: '点击率' },
  addToCartRate: { en: 'add-to-cart rate', zh: '加购率' },
  conversionRate: { en: 'conversion rate', zh: '转化率' },
  revenuePerSession: { en: 'revenue per session', zh: '每会话收入' },
};

/** Items named in the summary; the table has the rest. */
const MAX_ITEMS = 5;

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

function sureness(p: number): { en: string; zh: string } {
  if (p < 0.01) return { en: 'strong evidence of a real effect', zh: '有力证据表明效果真实' };
  if (p < 0.05) return { en: 'significant at the 5% level', zh: '在 5% 水平上显著' };
  return { en: 'not distinguishable from no effect', zh: '与无效果无法区分' };
}

function liftLine(k: RatioMetric, l: Lift): { en: string; zh: string } | null {
  if (l.estimate === null || l.ci === null || l.p === null) return null;
  const s = sureness(l.p);
  const ci = `95% CI ${signed(l.ci[0])} to ${signed(l.ci[1])}, ${pText(l.p)}`;
  const ciZh = `95% 置信区间 ${signed(l.ci[0])} 至 ${signed(l.ci[1])}，${pText(l.p)}`;
  const flat = Math.abs(l.estimate) < 0.0005; // shows as ±0.0%
  const verb = flat ? 'changed' : l.estimate > 0 ? 'rose' : 'fell';
  const verbZh = flat ? '变化' : l.estimate > 0 ? '提升' : '下降';
  return {
    en: `${cap(NAMES[k].en)} ${verb} ${signed(l.estimate)} with reordering (${ci}): ${s.en}.`,
    zh: `重排后${NAMES[k].zh}${verbZh} ${signed(l.estimate)}（${ciZh}）：${s.zh}。`,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function summarize(input: SummaryInput): { en: string; zh: string } {
  const { treatment: t, control: c } = input.arms;
  const en: string[] = [`Treatment (reordered): ${t.sessions} sessions, ${t.batches} batches; control (merchant order): ${c.sessions} sessions, ${c.batches} batches.`];
  const zh: string[] = [`实验组（重排）：${t.sessions} 个会话、${t.batches} 个批次；对照组（商家原序）：${c.sessions} 个会话、${c.batches} 个批次。`];
  const lines = RATIO_METRIC_NAMES.map((k) => liftLine(k, input.lift[k])).filter((x) => x !== null);
  if (lines.length === 0) {
    en.push('Not enough data in both arms yet to estimate a lift.');
    zh.push('两组数据尚不足以估计提升。');
  }
  for (const l of lines) {
    en.push(l.en);
    zh.push(l.zh);
  }
  const act = input.items.filter((it) => it.advice.action);
  if (act.length === 0) {
    en.push('No item needs a price or exposure change right now.');
    zh.push('目前没有商品需要调整价格或曝光。');
  } else {
    const shown = act.slice(0, MAX_ITEMS);
    const more = act.length - shown.length;
    en.push(`${act.length} item${act.length === 1 ? ' needs' : 's need'} action: ${shown.map((it) => `${it.title} (${it.advice.en})`).join('; ')}${more > 0 ? `; and ${more} more` : ''}.`);
    zh.push(`${act.length} 个商品需要处理：${shown.map((it) => `${it.title}（${it.advice.zh}）`).join('；')}${more > 0 ? `；另有 ${more} 个` : ''}。`);
  }
  return { en: en.join(' '), zh: zh.join('') };
}
