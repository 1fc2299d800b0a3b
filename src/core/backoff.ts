/** Exponential backoff with full jitter, capped; `random` is injectable for tests. */
export function backoffMs(attempts: number, random: () => number = Math.random, baseMs = 2000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
