/** Per-arm table: counts and rates for control and treatment side by side. */
import type { CampaignReport } from '../../../../src/core/report/report';
import { armRows } from '../arm-rows';
import { h } from '../dom';

export function armTable(report: CampaignReport): HTMLElement {
  const rows = armRows(report.arms, report.currency);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'arms' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col', class: 'num' }, 'Control'), h('th', { scope: 'col', class: 'num' }, 'Treatment'))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', { class: 'num' }, r.control), h('td', { class: 'num' }, r.treatment)))),
    ),
  );
}
