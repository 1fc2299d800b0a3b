/**
 * Forest chart of the four lifts: a point and its 95% CI per metric against a zero line. Plain
 * DOM positioned in percent (CSSOM, allowed under the CSP), so it reflows with the layout.
 */
import type { CampaignReport } from '../../../../src/core/report/report';
import { h } from '../dom';
import { forestAxis, forestRows, tickLabel, toPercent } from '../forest-scale';
import { interval, signedPercent } from '../format';
import { METRICS } from '../metrics';

export function forestChart(report: CampaignReport): HTMLElement {
  const inputs = METRICS.map((m) => ({ key: m.key, estimate: report.lift[m.key].estimate, ci: report.lift[m.key].ci, significant: report.lift[m.key].significant }));
  const axis = forestAxis(inputs);
  const rows = forestRows(inputs, axis);
  const zero = toPercent(0, axis);

  const place = (el: HTMLElement, left: number, width?: number) => {
    el.style.left = `${left}%`;
    if (width !== undefined) el.style.width = `${width}%`;
    return el;
  };

  const body = rows.map((r, i) => {
    const info = METRICS[i]!;
    const lift = report.lift[info.key];
    const track = h('div', { class: 'forest-track' }, place(h('div', { class: 'forest-zero' }), zero));
    if (r.low !== null && r.high !== null && r.point !== null) {
      track.append(
        place(h('div', { class: `forest-ci${r.significant ? ' sig' : ''}` }), r.low, Math.max(0.5, r.high - r.low)),
        place(h('div', { class: `forest-point${r.significant ? ' sig' : ''}` }), r.point),
      );
    } else {
      track.append(h('span', { class: 'forest-empty' }, 'not enough data'));
    }
    return h('div', { class: 'forest-row', 'data-metric': info.key, role: 'listitem', 'aria-label': `${info.label}: ${signedPercent(lift.estimate)}, 95% CI ${interval(lift.ci)}` },
      h('div', { class: 'forest-name' }, info.short),
      track,
      h('div', { class: 'forest-value' }, lift.ci ? signedPercent(lift.estimate) : '—', h('small', {}, lift.ci ? interval(lift.ci) : '')),
    );
  });

  const ticks = h('div', { class: 'forest-axis' }, ...axis.ticks.map((t) => place(h('span', { class: `forest-tick${t === 0 ? ' zero' : ''}` }, tickLabel(t)), toPercent(t, axis))));
  return h('div', { class: 'forest' },
    h('div', { class: 'forest-rows', role: 'list' }, ...body),
    h('div', { class: 'forest-row forest-axis-row', 'aria-hidden': 'true' }, h('div', { class: 'forest-name' }), ticks, h('div', { class: 'forest-value' })),
  );
}
