/**
 * Random numbers for the pure core: every random choice takes an injected `Rng`, so the worker
 * can pass `Math.random` while tests, replays and simulations pass a seeded one and reproduce.
 */

/** Returns a number in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, deterministic; ample for sampling and simulations. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
