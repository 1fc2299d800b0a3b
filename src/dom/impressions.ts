/**
 * Impressions: a tile counts as seen by the shopper once any part is visible (it is then never
 * moved), and as an impression once at least half of it stays visible for one second.
 */
const VISIBLE_RATIO = 0.5;
const DWELL_MS = 1000;

export interface ImpressionTracker {
  observe(el: HTMLElement): void;
  unobserve(el: HTMLElement): void;
  disconnect(): void;
}

export function trackImpressions(onSeen: (el: HTMLElement) => void, onImpression: (el: HTMLElement) => void): ImpressionTracker {
  if (typeof IntersectionObserver === 'undefined') return { observe() {}, unobserve() {}, disconnect() {} };
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const counted = new WeakSet<Element>();
  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        if (entry.isIntersecting && entry.intersectionRatio > 0) onSeen(el);
        const visible = entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO;
        if (visible && !timers.has(el) && !counted.has(el)) {
          timers.set(el, setTimeout(() => {
            timers.delete(el);
            counted.add(el);
            onImpression(el);
          }, DWELL_MS));
        } else if (!visible && timers.has(el)) {
          clearTimeout(timers.get(el));
          timers.delete(el);
        }
      }
    },
    { threshold: [0, VISIBLE_RATIO] },
  );
  return {
    observe: (el) => io.observe(el),
    unobserve: (el) => {
      io.unobserve(el);
      clearTimeout(timers.get(el));
      timers.delete(el);
    },
    disconnect: () => {
      io.disconnect();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
