/**
 * Product image placeholders: an inline SVG tinted by category with a simple line glyph (or the
 * category's initial). No external images, no inline styles (works under a strict CSP).
 */
import { escapeHtml } from './html';

const PALETTE = ['#7c3aed', '#0f766e', '#b45309', '#1d4ed8', '#be123c', '#4d7c0f', '#0e7490', '#9d174d', '#475569', '#a16207'];

/** Line glyphs drawn in a 64×64 box, stroked white. */
const GLYPHS: Readonly<Record<string, string>> = {
  smartphones: '<rect x="21" y="9" width="22" height="46" rx="5"/><path d="M28 48h8"/>',
  headphones: '<path d="M15 40v-7a17 17 0 0 1 34 0v7"/><rect x="11" y="37" width="10" height="16" rx="4"/><rect x="43" y="37" width="10" height="16" rx="4"/>',
  smartwatches: '<rect x="19" y="19" width="26" height="26" rx="7"/><path d="M25 19l2-10h10l2 10M25 45l2 10h10l2-10M32 26v7l4 3"/>',
  cables: '<path d="M12 50c8-22 22 6 30-14s8-14 8-14"/><rect x="44" y="10" width="10" height="14" rx="2"/><path d="M47 10V6M51 10V6"/>',
  mice: '<rect x="21" y="10" width="22" height="44" rx="11"/><path d="M32 10v12"/>',
  kettles: '<path d="M19 52l4-26h18l4 26z"/><path d="M41 30c9 0 9 14 3 17M23 32l-9-7M26 26c0-6 12-6 12 0"/>',
  irons: '<path d="M9 46h46c0-12-9-20-22-20h-9c-7 0-12 9-15 20z"/><path d="M24 26v-8h18c5 0 8 4 8 10"/>',
  'mixer grinders': '<path d="M22 12h20l-3 26H25z"/><rect x="17" y="38" width="30" height="15" rx="3"/><circle cx="32" cy="45.5" r="2.5"/>',
};

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Distinct tints for the demo's own categories; any other category gets one by hash. */
const KNOWN: Readonly<Record<string, string>> = {
  smartphones: '#1d4ed8',
  headphones: '#0f766e',
  smartwatches: '#7c3aed',
  cables: '#4d7c0f',
  mice: '#be123c',
  kettles: '#b45309',
  irons: '#475569',
  'mixer grinders': '#0e7490',
};

export function categoryColor(category: string): string {
  const key = category.trim().toLowerCase();
  return KNOWN[key] ?? PALETTE[hashString(key) % PALETTE.length] ?? '#475569';
}

/** The shop's favicon: the brand mark as a tiny SVG. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#991b1b"/>' +
  '<text x="16" y="23" text-anchor="middle" font-size="20" font-weight="800" fill="#fff" font-family="system-ui,sans-serif">B</text></svg>';

/** The placeholder `<svg>` for one product (decorative: `aria-hidden`). */
export function placeholderSvg(category: string, cls = 'ph'): string {
  const color = categoryColor(category);
  const glyph = GLYPHS[category.trim().toLowerCase()];
  const initial = escapeHtml(Array.from(category.trim())[0]?.toUpperCase() ?? '?');
  const body = glyph
    ? `<g fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">${glyph}</g>`
    : `<text x="32" y="42" text-anchor="middle" font-size="28" font-weight="700" fill="#fff" font-family="system-ui,sans-serif">${initial}</text>`;
  return (
    `<svg class="${escapeHtml(cls)}" viewBox="0 0 100 75" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false">` +
    `<rect width="100" height="75" fill="${color}"/>` +
    `<circle cx="86" cy="6" r="30" fill="#fff" fill-opacity=".10"/><circle cx="10" cy="74" r="22" fill="#000" fill-opacity=".10"/>` +
    `<g transform="translate(26 13.5) scale(.75)"><circle cx="32" cy="32" r="31" fill="#fff" fill-opacity=".14"/>${body}</g>` +
    `</svg>`
  );
}
