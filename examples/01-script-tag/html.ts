/** Small, pure helpers for the server-rendered demo pages: escaping, prices, the countdown. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Serialises a value as a JavaScript literal that is safe inside an inline `<script>`: JSON, with
 * `<`, `>`, `&` and the two JS-hostile line separators escaped so no string can close the script
 * element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const formatters = new Map<string, Intl.NumberFormat>();

/** `₹1,099` (Indian digit grouping for INR), `$12.50` for other currencies; whole amounts without decimals. */
export function formatPrice(amount: number, currency = 'INR'): string {
  const whole = Number.isInteger(amount);
  const key = `${currency}:${whole}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(currency === 'INR' ? 'en-IN' : 'en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: whole ? 0 : 2,
        maximumFractionDigits: whole ? 0 : 2,
      });
    } catch {
      f = new Intl.NumberFormat('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, f);
  }
  return f.format(amount);
}

/** Whole percent saved against the list price (0 when there is no saving). */
export function discountPercent(price: number, listPrice: number): number {
  if (!(listPrice > 0) || !(price < listPrice)) return 0;
  return Math.round((1 - price / listPrice) * 100);
}

export const SALE_WINDOW_HOURS = 6;

/**
 * End of the current sale "window": the next multiple of `hours` (UTC) after `now`, capped by the
 * campaign's real end. A demo that runs for years still shows a believable "ends in 03:12:45".
 */
export function windowEnd(now: number, campaignEndsAt: string, hours = SALE_WINDOW_HOURS): number {
  const w = hours * 3_600_000;
  const next = Math.floor(now / w) * w + w;
  const end = Date.parse(campaignEndsAt);
  return Number.isFinite(end) ? Math.min(next, end) : next;
}

/** `HH:MM:SS` until `end` (never negative). */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
