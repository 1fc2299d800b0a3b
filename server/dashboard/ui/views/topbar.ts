/** Top bar: brand, campaign picker, refresh, CSV download and sign-out. */
import type { CampaignEntry } from '../api';
import { h } from '../dom';

export interface TopbarHandlers {
  onPick(id: string): void;
  onRefresh(): void;
  onCsv(): void;
  onSignOut(): void;
}

export function topbar(campaigns: readonly CampaignEntry[] | null, current: string | null, on: TopbarHandlers): HTMLElement {
  const select = h('select', { id: 'campaign-picker', 'aria-label': 'Campaign' });
  const list = campaigns ?? (current ? [{ id: current, name: current, startsAt: '', endsAt: '' }] : []);
  for (const c of list) {
    const o = h('option', { value: c.id }, c.name === c.id ? c.id : `${c.name} (${c.id})`);
    o.selected = c.id === current;
    select.append(o);
  }
  if (list.length === 0) select.append(h('option', { value: '' }, 'no campaigns'));
  select.disabled = list.length === 0;
  select.addEventListener('change', () => on.onPick(select.value));

  const button = (label: string, cls: string, handler: () => void, attrs: Record<string, string> = {}) => {
    const b = h('button', { type: 'button', class: cls, ...attrs }, label);
    b.addEventListener('click', handler);
    return b;
  };
  return h('header', { class: 'topbar' },
    h('div', { class: 'topbar-inner' },
      h('p', { class: 'brand' }, h('span', { class: 'brand-mark' }, 'reshelf'), h('span', { class: 'brand-sub' }, 'Campaign dashboard')),
      h('label', { class: 'picker' }, h('span', {}, 'Campaign'), select),
      h('div', { class: 'actions' },
        button('Refresh', 'ghost', on.onRefresh, { id: 'refresh' }),
        button('Download CSV', 'ghost', on.onCsv, { id: 'download-csv' }),
        button('Sign out', 'ghost subtle', on.onSignOut, { id: 'sign-out' }),
      ),
    ),
  );
}
