/**
 * Splits the report's summary into sentences so the page can show one per line. English
 * sentences end in ". " before a capital or digit (decimals like "0.017" never have a space
 * after the dot); Chinese ones end in "。".
 */
import type { Lang } from './item-rows';

export function summaryLines(text: string, lang: Lang): string[] {
  const parts = lang === 'zh' ? text.split(/(?<=。)/) : text.split(/(?<=\.)\s+(?=[A-Z0-9"“(])/);
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}
