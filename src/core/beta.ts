/**
 * Beta sampling from an injected RNG (Thompson sampling needs one draw per arm). Gamma by
 * Marsaglia–Tsang, normals by Box–Muller: no tables, a few draws per sample.
 */
import type { Rng } from './rng';

function normal(rng: Rng): number {
  // 1 - u keeps the log finite: rng() may return exactly 0.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) for shape > 0. */
export function sampleGamma(shape: number, rng: Rng): number {
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a) (Marsaglia–Tsang's boost for small shapes).
    return sampleGamma(shape + 1, rng) * Math.pow(1 - rng(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) for a, b > 0. */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x + y > 0 ? x / (x + y) : a / (a + b);
}
