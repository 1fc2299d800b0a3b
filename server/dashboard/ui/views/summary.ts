/** The report's plain-language summary in the chosen language, with the EN / 中文 switch. */
import type { CampaignReport } from '../../../../src/core/report/report';
import { h } from '../dom';
import type { Lang } from '../item-rows';
import { summaryLines } from '../summary-lines';

export function langSwitch(lang: Lang, onChange: (lang: Lang) => void): HTMLElement {
  const button = (value: Lang, label: string) => {
    const b = h('button', { type: 'button', class: 'seg', 'aria-pressed': String(lang === value), 'data-lang': value, lang: value }, label);
    b.addEventListener('click', () => onChange(value));
    return b;
  };
  return h('div', { class: 'segmented', role: 'group', 'aria-label': 'Summary language' }, button('en', 'EN'), button('zh', '中文'));
}

export function summaryBlock(report: CampaignReport, lang: Lang): HTMLElement {
  const lines = summaryLines(report.summary[lang], lang);
  return h('ul', { class: 'summary-text', lang: lang === 'zh' ? 'zh-CN' : 'en', 'data-lang': lang }, ...lines.map((l) => h('li', {}, l)));
}
