/**
 * The shopper's on-device profile: time-decayed category affinities and a bounded list of
 * recent items. Pure functions returning new objects, so the worker can persist atomically.
 */
import type { DecayedWeight, ItemId, Profile, ShopperEvent } from './types';

export interface ProfileSettings {
  /** Half-life of category affinity and recent-item strength. @defaultValue 7 days */
  halfLifeMs: number;
  /** Recent items kept. @defaultValue 20 */
  maxRecent: number;
  /** Search texts kept for the on-device model. @defaultValue 10 */
  maxQueries: number;
}

export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = {
  halfLifeMs: 7 * 24 * 3600 * 1000,
  maxRecent: 20,
  maxQueries: 10,
};

/** How much each kind of event says about intent. Impressions alone say nothing. */
export const EVENT_WEIGHT: Readonly<Record<ShopperEvent['type'], number>> = {
  impression: 0,
  view: 1,
  click: 1,
  cart: 3,
  purchase: 5,
  search: 0,
};

export function emptyProfile(now: number): Profile {
  return { v: 1, updatedAt: now, affinities: {}, recent: [], queries: [] };
}

/** Weight `w` recorded at `t`, seen from `now`. Future timestamps (clock skew) do not grow. */
export function decayed(w: number, t: number, now: number, halfLifeMs: number): number {
  const age = Math.max(0, now - t);
  return w * Math.pow(0.5, age / halfLifeMs);
}

function bumpWeight(prev: DecayedWeight | undefined, add: number, now: number, halfLifeMs: number): DecayedWeight {
  const base = prev ? decayed(prev.w, prev.t, now, halfLifeMs) : 0;
  return { w: base + add, t: now };
}

/** Applies one event. Events may arrive late; their own time is used but never beyond `now`. */
export function applyEvent(profile: Profile, event: ShopperEvent, now: number, settings: ProfileSettings = DEFAULT_PROFILE_SETTINGS): Profile {
  const t = Math.min(event.t, now);
  if (event.type === 'search') {
    const text = event.text.trim().slice(0, 200);
    if (!text) return profile;
    const queries = [{ text, t }, ...profile.queries.filter((q) => q.text !== text)].slice(0, settings.maxQueries);
    return { ...profile, updatedAt: now, queries };
  }
  const weight = EVENT_WEIGHT[event.type];
  if (weight === 0) return profile;
  const category = event.category;
  const affinities = { ...profile.affinities };
  if (category) affinities[category] = bumpWeight(affinities[category], weight, t, settings.halfLifeMs);

  const prev = profile.recent.find((r) => r.id === event.itemId);
  const strength = (prev ? decayed(prev.w, prev.t, t, settings.halfLifeMs) : 0) + weight;
  const entry = { id: event.itemId, category: category ?? prev?.category, w: strength, t };
  const recent = [entry, ...profile.recent.filter((r) => r.id !== event.itemId)].slice(0, settings.maxRecent);
  return { ...profile, updatedAt: now, affinities, recent };
}

/** Category affinities as of `now`, normalised so the strongest is 1. */
export function categoryAffinity(profile: Profile, now: number, halfLifeMs: number = DEFAULT_PROFILE_SETTINGS.halfLifeMs): Map<string, number> {
  const out = new Map<string, number>();
  let max = 0;
  for (const [cat, dw] of Object.entries(profile.affinities)) {
    const w = decayed(dw.w, dw.t, now, halfLifeMs);
    out.set(cat, w);
    if (w > max) max = w;
  }
  if (max > 0) for (const [cat, w] of out) out.set(cat, w / max);
  return out;
}

/** History items with their decayed strength, strongest first. */
export function historyWeights(profile: Profile, now: number, halfLifeMs: number = DEFAULT_PROFILE_SETTINGS.halfLifeMs): Array<[ItemId, number]> {
  return profile.recent
    .map((r): [ItemId, number] => [r.id, decayed(r.w, r.t, now, halfLifeMs)])
    .sort((a, b) => b[1] - a[1]);
}

export interface RecencySettings {
  /** History items considered, newest first. @defaultValue 10 */
  maxHistory?: number | undefined;
  /** Weight multiplier per step back in the session (newest = 1). @defaultValue 0.7 */
  recencyDecay?: number | undefined;
  /** Exponent on the item's decayed strength (repeat views, carts, purchases). @defaultValue 0.5 */
  strengthExponent?: number | undefined;
}

export const DEFAULT_RECENCY: Required<{ [K in keyof RecencySettings]: number }> = { maxHistory: 10, recencyDecay: 0.7, strengthExponent: 0.5 };

/**
 * The items ranking looks at, newest first, weighted by recency rank (what the shopper looks at
 * now predicts the next click far better than what was strong days ago) times decayed strength,
 * normalised to sum 1 so the score scale does not grow with history length.
 */
export function recentWeights(profile: Profile, now: number, halfLifeMs: number = DEFAULT_PROFILE_SETTINGS.halfLifeMs, settings: RecencySettings = {}): Array<[ItemId, number]> {
  const max = settings.maxHistory ?? DEFAULT_RECENCY.maxHistory;
  const decay = settings.recencyDecay ?? DEFAULT_RECENCY.recencyDecay;
  const gamma = settings.strengthExponent ?? DEFAULT_RECENCY.strengthExponent;
  const out: Array<[ItemId, number]> = [];
  let total = 0;
  let step = 1;
  for (const r of profile.recent) {
    if (out.length >= max) break;
    const w = step * Math.pow(decayed(r.w, r.t, now, halfLifeMs), gamma);
    step *= decay;
    if (!(w > 0)) continue;
    out.push([r.id, w]);
    total += w;
  }
  for (const e of out) e[1] /= total;
  return out;
}
