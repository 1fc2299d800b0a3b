/** Headline lift cards: estimate, 95% CI, p-value and verdict per metric, arm values underneath. */
import type { CampaignReport } from '../../../../src/core/report/report';
import { h } from '../dom';
import { liftCard } from '../lift-card';
import { METRICS, TEST_NAME } from '../metrics';

export function liftCards(report: CampaignReport): HTMLElement {
  const cards = METRICS.map((info) => {
    const c = liftCard(info, report.lift[info.key], report.currency);
    return h('article', { class: `lift-card tone-${c.tone}`, 'data-metric': c.key },
      h('h3', { class: 'lift-label' }, c.label),
      h('p', { class: 'lift-estimate' }, c.estimate),
      h('p', { class: 'lift-verdict' }, c.verdict),
      h('p', { class: 'lift-ci' }, c.ci),
      h('p', { class: 'lift-p', title: TEST_NAME }, c.p === '—' ? '' : `${c.p} · ${c.test}`),
      h('dl', { class: 'lift-arms' },
        h('div', {}, h('dt', {}, 'Treatment'), h('dd', {}, c.treatment)),
        h('div', {}, h('dt', {}, 'Control'), h('dd', {}, c.control)),
      ),
    );
  });
  return h('section', { class: 'cards', 'aria-label': 'Lift of treatment over control' }, ...cards);
}
