/**
 * Drops duplicate events and bot-like bursts before they reach the profile or the aggregates.
 * - duplicate: the same (type, item) again within `duplicateMs` (double clicks, re-fired handlers);
 * - burst: more than `burstMax` interactions within `burstMs`; the gate then stays closed
 *   for `cooldownMs` so a scripted crawl counts nothing.
 */
import type { ShopperEvent } from './types';

export interface GateSettings {
  duplicateMs: number;
  burstMs: number;
  burstMax: number;
  cooldownMs: number;
}

export const DEFAULT_GATE: GateSettings = { duplicateMs: 1000, burstMs: 2000, burstMax: 12, cooldownMs: 30_000 };

export interface GateState {
  lastSeen: Record<string, number>;
  recent: number[];
  closedUntil: number;
  dropped: { duplicate: number; burst: number };
}

export function emptyGate(): GateState {
  return { lastSeen: {}, recent: [], closedUntil: 0, dropped: { duplicate: 0, burst: 0 } };
}

const keyOf = (e: ShopperEvent) => (e.type === 'search' ? `search:${e.text}` : `${e.type}:${e.itemId}`);

/** Returns whether the event passes; updates `state` in place. Impressions are not rate-limited. */
export function admit(state: GateState, event: ShopperEvent, now: number, s: GateSettings = DEFAULT_GATE): boolean {
  const key = keyOf(event);
  const last = state.lastSeen[key];
  if (last !== undefined && now - last >= 0 && now - last < s.duplicateMs) {
    state.dropped.duplicate++;
    return false;
  }
  state.lastSeen[key] = now;
  if (event.type === 'impression') return true;
  if (now < state.closedUntil) {
    state.dropped.burst++;
    return false;
  }
  state.recent = state.recent.filter((t) => now - t < s.burstMs);
  state.recent.push(now);
  if (state.recent.length > s.burstMax) {
    state.closedUntil = now + s.cooldownMs;
    state.recent = [];
    state.dropped.burst++;
    return false;
  }
  // Keep the duplicate table small on long sessions.
  if (Object.keys(state.lastSeen).length > 500) {
    for (const [k, t] of Object.entries(state.lastSeen)) if (now - t > s.duplicateMs) delete state.lastSeen[k];
  }
  return true;
}
