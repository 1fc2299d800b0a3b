/**
 * Number formatting for the dashboard. Pure: every function turns null, NaN and ±Infinity into
 * a dash, so a campaign with few signals never shows "NaN%".
 */

export const DASH = '—';

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** A rate as a percentage: 0.04123 → "4.12%". */
export function percent(x: number | null | undefined, digits = 2): string {
  return finite(x) ? `${(x * 100).toFixed(digits)}%` : DASH;
}

/** A relative change with its sign: 0.102 → "+10.2%", −0.05 → "−5.0%" (a real minus sign). */
export function signedPercent(x: number | null | undefined, digits = 1): string {
  if (!finite(x)) return DASH;
  const s = (Math.abs(x) * 100).toFixed(digits);
  // Rounds to zero: no sign, so "+0.0%" and "−0.0%" never appear.
  if (Number(s) === 0) return `${s}%`;
  return `${x > 0 ? '+' : '−'}${s}%`;
}

/** "p = 0.030", "p < 0.001". */
export function pValue(p: number | null | undefined): string {
  if (!finite(p)) return DASH;
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "+1.1% to +24.1%". */
export function interval(ci: readonly [number, number] | null | undefined): string {
  if (!ci || !finite(ci[0]) || !finite(ci[1])) return DASH;
  return `${signedPercent(ci[0])} to ${signedPercent(ci[1])}`;
}

/** Integer counts with thousands separators: 12345 → "12,345". */
export function count(x: number | null | undefined, locale = 'en-US'): string {
  return finite(x) ? Math.round(x).toLocaleString(locale) : DASH;
}

/** Money in the campaign's currency; falls back to "12.30 XYZ" for a code Intl does not know. */
export function money(x: number | null | undefined, currency: string, locale = 'en-US'): string {
  if (!finite(x)) return DASH;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
  } catch {
    return `${x.toFixed(2)} ${currency}`;
  }
}

/** Units per hour: "12 units/h", "2.7 units/h", "0.04 units/h" (slow sellers keep two significant digits). */
export function perHour(x: number | null | undefined): string {
  if (!finite(x)) return DASH;
  const text = x >= 10 ? x.toFixed(0) : x >= 0.1 || x === 0 ? x.toFixed(1) : x.toPrecision(2);
  return `${text} units/h`;
}

/** Hours as "45 min", "3.5 h", "12 h", and as days from two days on ("332 d"). */
export function hours(h: number | null | undefined): string {
  if (!finite(h)) return DASH;
  if (Math.abs(h) < 1) return `${Math.round(h * 60)} min`;
  if (Math.abs(h) >= 48) return `${Math.round(h / 24).toLocaleString('en-US')} d`;
  return Math.abs(h) >= 10 ? `${Math.round(h)} h` : `${h.toFixed(1)} h`;
}

/** "2025-06-01 12:00" in the viewer's time zone (or the one given, for tests). */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return DASH;
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
