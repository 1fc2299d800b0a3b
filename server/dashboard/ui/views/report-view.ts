/** One campaign's report laid out: status line, lift cards, charts, summary, tables, method. */
import type { CampaignReport } from '../../../../src/core/report/report';
import { h, type Child } from '../dom';
import { count, dateTime, hours } from '../format';
import type { Lang } from '../item-rows';
import { TEST_NAME } from '../metrics';
import { armTable } from './arms';
import { liftCards } from './cards';
import { forestChart } from './forest';
import { itemTable } from './items';
import { positionChart, type Chart } from './position-chart';
import { langSwitch, summaryBlock } from './summary';

export interface ReportView {
  el: HTMLElement;
  /** Call after `el` is in the document. */
  mount(): void;
  destroy(): void;
}

function panel(id: string, title: string, note: Child, body: Node, extra?: Node): HTMLElement {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'panel-head' }, h('div', {}, h('h2', { id: `${id}-title` }, title), note ? h('p', { class: 'panel-note' }, note) : null), extra ?? null),
    body,
  );
}

function statusLine(r: CampaignReport): HTMLElement {
  const w = r.window;
  const state = w.remainingHours <= 0 ? 'ended' : w.elapsedHours <= 0 ? 'not started' : `${hours(w.elapsedHours)} elapsed · ${hours(w.remainingHours)} left`;
  const sessions = r.arms.treatment.sessions + r.arms.control.sessions;
  return h('div', { class: 'status' },
    h('h1', { id: 'campaign-name' }, r.name),
    h('p', { class: 'status-meta' },
      h('span', {}, `${dateTime(w.startsAt)} → ${dateTime(w.endsAt)}`),
      h('span', {}, state),
      h('span', {}, `${count(sessions)} sessions`),
      h('span', { id: 'as-of' }, h('time', { datetime: r.generatedAt }, `As of ${dateTime(r.generatedAt)}`)),
    ),
  );
}

export function reportView(r: CampaignReport, lang: Lang, onLang: (l: Lang) => void): ReportView {
  const chart: Chart = positionChart(r);
  const actions = r.items.filter((it) => it.advice.action).length;
  const el = h('div', { class: 'report' },
    statusLine(r),
    liftCards(r),
    h('div', { class: 'grid-2' },
      panel('ci-chart', 'Lift with 95% confidence intervals', `Treatment vs control. A bar clear of the dashed zero line (filled dot) is significant at 5%. ${TEST_NAME}.`, forestChart(r)),
      panel('position-curve', 'Click-through rate by position', 'The position-bias curve: CTR of each displayed slot, per arm.', chart.el),
    ),
    h('div', { class: 'grid-2 summary-row' },
      panel('summary', 'Summary', 'Generated from the numbers on this page.', summaryBlock(r, lang), langSwitch(lang, onLang)),
      panel('arms', 'Arms', 'Control keeps the merchant order; treatment is reordered.', armTable(r)),
    ),
    panel('items', 'Items', actions > 0 ? `${actions} of ${r.items.length} need action (listed first).` : 'No item needs action right now.', itemTable(r, lang)),
    h('footer', { class: 'method' }, h('strong', {}, 'Method. '), r.method),
  );
  return { el, mount: () => chart.mount(), destroy: () => chart.destroy() };
}
