/** Main-thread scheduling shared by the widgets and the engine start-up. */

/** Runs `fn` when the main thread is idle (at most `timeout` ms later). */
export const whenIdle = (fn: () => void, timeout: number): unknown =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout }) : setTimeout(fn, 1);

/** Runs `fn` in idle time after the document has been parsed: the page's own load goes first. */
export function afterParseIdle(fn: () => void, timeout: number): void {
  const idle = () => whenIdle(fn, timeout);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', idle, { once: true });
  else idle();
}
