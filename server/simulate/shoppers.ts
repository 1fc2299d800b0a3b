/**
 * SIMULATED shoppers for the statistics check: hidden category preferences and engagement,
 * a position-biased click model, and a planted multiplicative lift on the treatment arm's
 * click probability. Carts and purchases follow clicks, so they inherit the same relative lift.
 * Nothing here describes real shoppers.
 */
import type { Campaign, CampaignItem } from '../../src/core/protocol';
import type { Arm, ShopperEvent } from '../../src/core/types';

export const SIM_START = Date.parse('2025-06-01T00:00:00.000Z');
export const SIM_HOURS = 24;
/** The report is read halfway through the campaign, so stock advice has a future to project. */
export const SIM_NOW = SIM_START + 12 * 3_600_000;
/** Where the report is read, relative to the campaign start. */
export const SIM_READ_AFTER_MS = SIM_NOW - SIM_START;

const CATEGORIES = ['audio', 'kitchen', 'sport', 'beauty'] as const;

/** 24 items, 6 per category; stock chosen so some items sell out early and some are left over. */
export function simulatedCampaign(id = 'sim-campaign', start = SIM_START): Campaign {
  const items: CampaignItem[] = [];
  for (let i = 0; i < 24; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const price = 10 + ((i * 7) % 40);
    const stock = [5, 40, 400, 15, 80, 1000][i % 6]!;
    items.push({ id: `${category}-${i}`, title: `Deal ${i} (${category})`, category, price, listPrice: price * 2, stock, initialStock: stock });
  }
  return { id, name: 'Simulated flash sale', currency: 'EUR', startsAt: new Date(start).toISOString(), endsAt: new Date(start + SIM_HOURS * 3_600_000).toISOString(), items };
}

export interface Shopper {
  anonId: string;
  arm: Arm;
  /** Affinity per category in (0, 1]; the favourite is 1. */
  affinity: Record<string, number>;
  /** Overall propensity to click, shared by all of this shopper's sessions. */
  engagement: number;
}

export function makeShopper(rand: () => number, anonId: string, arm: Arm): Shopper {
  const favourite = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
  const affinity: Record<string, number> = {};
  for (const c of CATEGORIES) affinity[c] = c === favourite ? 1 : 0.15 + 0.35 * rand();
  // Heavy-ish tail: a few shoppers click a lot (what makes batch variance realistic).
  const engagement = 0.06 + 0.44 * rand() * rand();
  return { anonId, arm, affinity, engagement };
}

/** Position bias: attention falls with the slot. */
export const positionBias = (p: number) => 1 / (1 + p / 3);

/** Probability of a click on `item` shown at slot `p`; the lift multiplies it for treatment. */
export function clickProbability(s: Shopper, item: CampaignItem, p: number, lift: number): number {
  const base = s.engagement * (s.affinity[item.category] ?? 0.1) * positionBias(p);
  // base ≤ 0.5 and lift ≤ 1 keep this ≤ 1, so the planted ratio is exact.
  return Math.min(1, s.arm === 'treatment' ? base * (1 + lift) : base);
}

/** One session: scroll past the first k tiles (an impression a second), click some, cart/buy a few. */
export function sessionEvents(rand: () => number, s: Shopper, campaign: Campaign, start: number, lift: number): ShopperEvent[] {
  const events: ShopperEvent[] = [];
  const k = 6 + Math.floor(rand() * (campaign.items.length - 5));
  for (let p = 0; p < k; p++) {
    const item = campaign.items[p]!;
    const t = start + p * 1_000;
    events.push({ type: 'impression', itemId: item.id, position: p, category: item.category, t });
    if (rand() >= clickProbability(s, item, p, lift)) continue;
    events.push({ type: 'click', itemId: item.id, position: p, category: item.category, t: t + 500 });
    if (rand() >= 0.3 * (s.affinity[item.category] ?? 0)) continue;
    events.push({ type: 'cart', itemId: item.id, position: p, category: item.category, price: item.price, quantity: 1, t: t + 5_000 });
    if (rand() < 0.5) events.push({ type: 'purchase', itemId: item.id, price: item.price, quantity: 1 + Math.floor(rand() * 1.3), category: item.category, t: t + 30_000 });
  }
  return events.sort((a, b) => a.t - b.t);
}
