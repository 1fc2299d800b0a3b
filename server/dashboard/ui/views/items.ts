/**
 * Per-item table: counts, stock left and the stock advice with its numbers; items needing
 * action come first and are highlighted. Below 720 px each row becomes a card (CSS only).
 */
import type { CampaignReport } from '../../../../src/core/report/report';
import { h } from '../dom';
import { itemRows, type Lang } from '../item-rows';

const COLUMNS = [
  ['impressions', 'Impressions'],
  ['clicks', 'Clicks'],
  ['ctr', 'CTR'],
  ['carts', 'Carts'],
  ['purchases', 'Purchases'],
  ['revenue', 'Revenue'],
] as const;

export function itemTable(report: CampaignReport, lang: Lang): HTMLElement {
  const rows = itemRows(report.items, report.currency, lang);
  if (rows.length === 0) return h('p', { class: 'empty' }, 'This campaign has no items.');
  const head = h('tr', {},
    h('th', { scope: 'col' }, 'Item'),
    ...COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
    h('th', { scope: 'col', class: 'num' }, 'Stock left'),
    h('th', { scope: 'col' }, 'Advice'),
  );
  const body = rows.map((r) => {
    const bar = h('span', { class: 'stock-bar' }, h('span', { class: 'stock-fill' }));
    (bar.firstChild as HTMLElement).style.width = `${Math.round(r.stockShare * 100)}%`;
    return h('tr', { class: r.action ? 'needs-action' : '', 'data-item': r.itemId, 'data-advice': r.adviceKind },
      h('th', { scope: 'row', class: 'item-name' }, h('span', { class: 'item-title' }, r.title), h('span', { class: 'item-meta' }, `${r.itemId} · ${r.category}`)),
      ...COLUMNS.map(([key, label]) => h('td', { class: 'num', 'data-label': label }, r[key])),
      h('td', { class: 'num stock', 'data-label': 'Stock left' }, r.stock, bar),
      h('td', { class: 'advice', 'data-label': 'Advice' },
        r.action ? h('span', { class: 'badge' }, lang === 'zh' ? '需处理' : 'Action') : null,
        h('span', { class: 'advice-text' }, r.advice),
        r.adviceNumbers ? h('span', { class: 'advice-numbers' }, r.adviceNumbers) : null,
      ),
    );
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'items' }, h('thead', {}, head), h('tbody', {}, ...body)));
}
