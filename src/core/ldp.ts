/**
 * Optional local differential privacy on the counts a shopper's device sends (Laplace mechanism).
 *
 * Unit of privacy: one shopper action — one impression, one click, one unit added to the cart, or
 * one unit bought (with its price). Changing any one action changes the batch's noised output
 * distribution by a factor of at most e^ε. Per action one count moves by 1, except a bought unit,
 * which moves `purchases` by 1 and `revenue` by at most the price bound B; so counts of
 * impressions, clicks and carts get Laplace(1/ε), purchases Laplace(2/ε) and revenue
 * Laplace(2B/ε) (each half of a purchase spends ε/2). Each action lands in exactly one batch, so a
 * shopper's later batches do not add up: ε holds per action over the whole stream.
 *
 * Not protected (public or sent as is): that a batch was sent and its session count (a visit),
 * the arm, and the key frame below. Pairs are dropped: they would name the clicked items.
 *
 * Key frame: every batch carries every frame key, clicked or not, so a key's presence leaks
 * nothing. The frame is each displayed item at position -1, plus — in the control arm only — each
 * item at its displayed slot (control shows the merchant's order, which is public). Treatment
 * slots are the ranking, computed from the private profile, so treatment counts fold to -1; the
 * treatment position curve then learns only from shoppers without noise.
 *
 * Output stays whole (integer counts, revenue in whole cents): the noise is rounded to the grid
 * (post-processing, so ε is kept) symmetrically, so it stays exactly zero-mean, and the grid also
 * closes the floating-point side channel of naive Laplace samplers (Mironov 2012). The 53-bit
 * uniform caps the noise at ≈ 36.7 × scale: an output beyond that has probability < 1e-15.
 */
import { LIMITS, type ItemCounts, type SignalBatch } from './protocol';
import type { Rng } from './rng';
import type { Arm, ItemId } from './types';

/** The SDK option `privacy`. */
export interface LocalPrivacy {
  /** Privacy loss per shopper action, LIMITS.minEpsilon..LIMITS.maxEpsilon. Smaller: more noise. */
  epsilon: number;
  /** Revenue bound B per bought unit (prices above it are clipped). @defaultValue the highest displayed price */
  maxPrice?: number | undefined;
}

/** A tile the page displayed in this campaign: public (the merchant's markup), not the shopper's doing. */
export interface DisplayedTile {
  itemId: ItemId;
  /** 0-based slot in the widget as the merchant ordered it. */
  position: number;
  price?: number | undefined;
}

export interface PrivateBatches {
  batches: SignalBatch[];
  /** Count units (impressions + clicks + carts + purchases) of items outside the frame, not sent. */
  dropped: number;
}

export const COUNT_FIELDS = ['impressions', 'clicks', 'carts', 'purchases'] as const;
type CountField = (typeof COUNT_FIELDS)[number];

/** Laplace scale of each field (revenue in cents) for ε and price bound B. */
export function noiseScales(epsilon: number, bound: number): Record<CountField | 'revenueCents', number> {
  return { impressions: 1 / epsilon, clicks: 1 / epsilon, carts: 1 / epsilon, purchases: 2 / epsilon, revenueCents: (200 * bound) / epsilon };
}

/** Uniform in [0, 1) with 53 random bits from two draws, whatever the Rng's resolution. */
function uniform53(rng: Rng): number {
  return (Math.floor(rng() * 2 ** 21) * 2 ** 32 + Math.floor(rng() * 2 ** 32)) / 2 ** 53;
}

/** Laplace(scale) as a difference of two exponentials: symmetric by construction, never infinite. */
export function laplace(scale: number, rng: Rng): number {
  const e1 = -Math.log1p(-uniform53(rng));
  const e2 = -Math.log1p(-uniform53(rng));
  return scale * (e1 - e2);
}

/** Laplace noise rounded half away from zero: an odd function of a symmetric variable, so mean 0. */
export function roundedLaplace(scale: number, rng: Rng): number {
  if (!(scale > 0)) return 0;
  const x = laplace(scale, rng);
  return Math.sign(x) * Math.round(Math.abs(x)) || 0; // `|| 0`: no -0 on the wire
}

/**
 * Exact variance of `roundedLaplace(b)`: P(k) = (e^{-a} - e^{-3a}) q^{|k|-1} / 2 for k ≠ 0 with
 * a = 1/(2b), q = e^{-1/b}, so Var = (e^{-a} - e^{-3a}) (1 + q) / (1 - q)^3 (≈ 2b² + 1/12).
 */
export function roundedLaplaceVariance(scale: number): number {
  if (!(scale > 0)) return 0;
  const a = 1 / (2 * scale);
  const q = Math.exp(-2 * a);
  return ((Math.exp(-a) - Math.exp(-3 * a)) * (1 + q)) / (1 - q) ** 3;
}

const key = (itemId: ItemId, position: number) => `${itemId}@${position}`;

/** The keys every noised batch of this arm carries, in a data-independent order. */
export function frameKeys(displayed: readonly DisplayedTile[], arm: Arm): Array<{ itemId: ItemId; position: number }> {
  const out = new Map<string, { itemId: ItemId; position: number }>();
  for (const t of displayed) out.set(key(t.itemId, -1), { itemId: t.itemId, position: -1 });
  if (arm === 'control') for (const t of displayed) if (t.position >= 0) out.set(key(t.itemId, t.position), { itemId: t.itemId, position: t.position });
  return [...out.values()];
}

/** B: the option, else the highest displayed price, else 0 (then no revenue is sent). */
export function revenueBound(displayed: readonly DisplayedTile[], privacy: LocalPrivacy): number {
  if (privacy.maxPrice !== undefined) return privacy.maxPrice;
  return displayed.reduce((m, t) => (typeof t.price === 'number' && Number.isFinite(t.price) ? Math.max(m, t.price) : m), 0);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * The worker's hook when sealing: the batches of one `seal()` (one shopper, one arm) become noised
 * batches over the key frame, without pairs, marked `noise`. Without `privacy` they pass unchanged.
 * `newId` is only called when the frame needs more batches than `sealed` has ids.
 */
export function applyLocalPrivacy(sealed: readonly SignalBatch[], displayed: readonly DisplayedTile[], privacy: LocalPrivacy | undefined, rng: Rng, newId: () => string): PrivateBatches {
  if (!privacy || sealed.length === 0) return { batches: [...sealed], dropped: 0 };
  const first = sealed[0]!;
  if (sealed.some((b) => b.campaignId !== first.campaignId || b.arm !== first.arm)) throw new Error('applyLocalPrivacy takes the batches of one seal (one campaign, one arm)');
  const frame = frameKeys(displayed, first.arm);
  const inFrame = new Set(frame.map((k) => key(k.itemId, k.position)));
  const sums = new Map<string, ItemCounts>();
  let dropped = 0;
  let sessions = 0;
  for (const b of sealed) {
    sessions += b.sessions ?? 0;
    for (const c of b.items) {
      // A slot outside the frame (e.g. any treatment slot) folds into the item's -1 key.
      const position = inFrame.has(key(c.itemId, c.position)) ? c.position : -1;
      const k = key(c.itemId, position);
      if (!inFrame.has(k)) {
        dropped += c.impressions + c.clicks + c.carts + c.purchases;
        continue;
      }
      const s = sums.get(k);
      if (!s) sums.set(k, { ...c, position });
      else for (const f of [...COUNT_FIELDS, 'revenue'] as const) s[f] += c[f];
    }
  }
  const bound = revenueBound(displayed, privacy);
  const scales = noiseScales(privacy.epsilon, bound);
  const countMax = LIMITS.maxCount + LIMITS.maxCountNoise;
  const items = frame.map(({ itemId, position }): ItemCounts => {
    const s = sums.get(key(itemId, position));
    const out: ItemCounts = { itemId, position, impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 };
    for (const f of COUNT_FIELDS) {
      const truth = Math.min(Math.round(s?.[f] ?? 0), LIMITS.maxCount);
      out[f] = clamp(truth + roundedLaplace(scales[f], rng), -LIMITS.maxCountNoise, countMax);
    }
    // Clipping the row at B per unit bought bounds what one bought unit can add by B.
    const units = Math.min(Math.round(s?.purchases ?? 0), LIMITS.maxCount);
    const cents = Math.round(Math.min(s?.revenue ?? 0, bound * units, LIMITS.maxRevenue) * 100);
    out.revenue = clamp((cents + roundedLaplace(scales.revenueCents, rng)) / 100, -LIMITS.maxRevenueNoise, LIMITS.maxRevenue + LIMITS.maxRevenueNoise);
    return out;
  });
  const noise = { mechanism: 'laplace' as const, epsilon: privacy.epsilon };
  const batches: SignalBatch[] = [];
  for (let i = 0; i === 0 || i < items.length; i += LIMITS.maxItemsPerBatch) {
    const n = batches.length;
    const batch: SignalBatch = { v: first.v, batchId: sealed[n]?.batchId ?? newId(), campaignId: first.campaignId, arm: first.arm, items: items.slice(i, i + LIMITS.maxItemsPerBatch), pairs: [], noise };
    if (n === 0 && sessions > 0) batch.sessions = Math.min(sessions, LIMITS.maxSessions);
    batches.push(batch);
  }
  return { batches, dropped };
}
