/** Shared by every `reshelf` command: usage errors (exit 2) and numeric flag parsing. */
export class UsageError extends Error {}

/** A numeric flag within [min, max] (whole when `integer`), or undefined when absent. */
export function numberFlag(v: unknown, name: string, min: number, max: number, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} ${min}..${max}, got ${JSON.stringify(v)}`);
  }
  return n;
}
