/**
 * Runs `work` for the newest item only: while one runs, later items replace each other, and the
 * last one runs next. A shopper typing "h", "he", "hea"… gets one inference per pause, not per key.
 */
export function latestWins<T>(work: (item: T) => Promise<void>): (item: T) => void {
  let next: { item: T } | undefined;
  let running = false;
  async function drain(): Promise<void> {
    running = true;
    while (next) {
      const { item } = next;
      next = undefined;
      await work(item).catch(() => undefined);
    }
    running = false;
  }
  return (item) => {
    next = { item };
    if (!running) void drain();
  };
}
