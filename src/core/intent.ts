/**
 * Text intent in the ranking: the on-device model labels shopper text (search, chat) and tile
 * titles into one taxonomy, so "cheap bluetooth headphones" and "便宜的无线耳机" both pull
 * electronics deals forward. Pure; the worker feeds it the model's category probabilities.
 *
 * Intent is short-lived (what the shopper is looking for now), unlike the week-long category
 * affinities, so it has its own, much shorter half-life.
 */
import { decayed } from './profile';
import { isFiniteNumber, isRecord } from './result';
import type { IntentState, Profile } from './types';

/** Labels that say "not looking for a product" (after-sales questions, chit-chat). */
export const NON_PRODUCT_LABELS: ReadonlySet<string> = new Set(['support', 'other']);

export interface IntentSettings {
  /** Half-life of the current intent. @defaultValue 30 minutes */
  halfLifeMs: number;
  /** Weight the previous (decayed) intent keeps against a new text. @defaultValue 0.5 */
  carryOver: number;
  /** Labels kept per tile or per intent (smaller stored profiles, same ranking). @defaultValue 4 */
  maxLabels: number;
}

export const DEFAULT_INTENT_SETTINGS: IntentSettings = { halfLifeMs: 30 * 60 * 1000, carryOver: 0.5, maxLabels: 4 };

/** Keeps the `max` most probable labels; drops non-finite or non-positive entries. */
export function topLabels(probs: Readonly<Record<string, number>>, max: number): Record<string, number> {
  const entries = Object.entries(probs).filter(([, p]) => isFiniteNumber(p) && p > 0);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.slice(0, max).map(([k, p]) => [k, Math.round(p * 1e4) / 1e4]));
}

/**
 * Folds the category probabilities of one shopper text into the profile's current intent:
 * the new text dominates, the previous intent carries over at `carryOver` × its decay.
 */
export function applyIntent(profile: Profile, probs: Readonly<Record<string, number>>, t: number, now: number, settings: IntentSettings = DEFAULT_INTENT_SETTINGS): Profile {
  const at = Math.min(t, now);
  const fresh = topLabels(probs, settings.maxLabels);
  if (Object.keys(fresh).length === 0) return profile;
  const prev = profile.intent;
  const keep = prev ? settings.carryOver * decayed(1, prev.t, at, settings.halfLifeMs) : 0;
  const mixed: Record<string, number> = {};
  for (const [k, p] of Object.entries(fresh)) mixed[k] = p / (1 + keep);
  if (prev) for (const [k, p] of Object.entries(prev.probs)) mixed[k] = (mixed[k] ?? 0) + (keep * p) / (1 + keep);
  const intent: IntentState = { probs: topLabels(mixed, settings.maxLabels), t: at };
  return { ...profile, updatedAt: now, intent };
}

/** The current product intent as of `now`: decayed, non-product labels removed. */
export function currentIntent(profile: Profile, now: number, halfLifeMs: number = DEFAULT_INTENT_SETTINGS.halfLifeMs): Map<string, number> {
  const out = new Map<string, number>();
  const state = profile.intent;
  if (!state) return out;
  const fade = decayed(1, state.t, now, halfLifeMs);
  if (fade < 1e-3) return out;
  for (const [label, p] of Object.entries(state.probs)) {
    if (!NON_PRODUCT_LABELS.has(label)) out.set(label, p * fade);
  }
  return out;
}

/** How well a tile's labels match the intent: Σ intent(label) · tile(label), in 0..1. */
export function intentMatch(intent: ReadonlyMap<string, number>, labels: Readonly<Record<string, number>> | undefined): number {
  if (!labels || intent.size === 0) return 0;
  let sum = 0;
  for (const [label, p] of Object.entries(labels)) sum += (intent.get(label) ?? 0) * p;
  return sum;
}

/** The strongest label two distributions share (for `explain()`), or undefined. */
export function strongestShared(intent: ReadonlyMap<string, number>, labels: Readonly<Record<string, number>> | undefined): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const [label, p] of Object.entries(labels ?? {})) {
    const s = (intent.get(label) ?? 0) * p;
    if (s > bestScore) { best = label; bestScore = s; }
  }
  return best;
}

/** A stored or received intent state, or undefined when malformed. */
export function parseIntentState(v: unknown): IntentState | undefined {
  if (!isRecord(v) || !isFiniteNumber(v.t) || !isRecord(v.probs)) return undefined;
  const probs: Record<string, number> = {};
  for (const [k, p] of Object.entries(v.probs)) {
    if (k.length > 0 && k.length <= 40 && isFiniteNumber(p) && p > 0 && p <= 1) probs[k] = p;
  }
  return Object.keys(probs).length > 0 ? { probs, t: v.t } : undefined;
}

/** Tile labels from markup, the backend or the model: the same validation as intent probabilities. */
export function parseLabels(v: unknown): Record<string, number> | undefined {
  return parseIntentState({ t: 0, probs: v })?.probs;
}
