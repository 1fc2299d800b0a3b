/**
 * The unit outbox, a small sibling of the batch outbox: per campaign, the shopper's totals of
 * acknowledged batches and at most one unit message (core/unit-state.ts) in IndexedDB `meta`.
 * Runs only inside the outbox lock, after the batches, so two tabs never race on the totals.
 */
import { backoffMs } from '../src/core/backoff';
import type { SignalBatch } from '../src/core/protocol';
import type { Arm } from '../src/core/types';
import { buildUnit, emptyUnitState, recordSealed, settleUnit, storedUnitState, unitDue, type UnitState } from '../src/core/unit-state';
import type { EngineStore } from './db';
import { postMessage, type SendOptions } from './outbox';

export const unitKey = (campaign: string): string => `units:${campaign}`;

async function load(store: EngineStore, campaign: string, arm: Arm): Promise<UnitState> {
  return storedUnitState(await store.get<unknown>('meta', unitKey(campaign)), campaign) ?? emptyUnitState(campaign, arm);
}

export interface UnitSync {
  campaign: string;
  arm: Arm;
  /** Batches the server acknowledged in this flush (any campaign). */
  acked: readonly SignalBatch[];
  /** The page is being hidden or closed, or this is the first flush after the previous page was. */
  pageHide: boolean;
  /** Time of the shopper's latest event in this campaign, if known. */
  lastEventAt?: number | undefined;
  newId: () => string;
}

export type UnitSendResult = 'none' | 'acked' | 'refused' | 'failed';

/** Folds acknowledged batches into the totals, then builds and sends this campaign's unit message when due. */
export async function syncUnits(store: EngineStore, sync: UnitSync, o: SendOptions): Promise<UnitSendResult> {
  const byCampaign = new Map<string, SignalBatch[]>();
  for (const b of sync.acked) byCampaign.set(b.campaignId, [...(byCampaign.get(b.campaignId) ?? []), b]);
  for (const [campaign, batches] of byCampaign) {
    let state = await load(store, campaign, batches[0]!.arm);
    for (const b of batches) state = recordSealed(state, b.arm, [b]);
    await store.put('meta', unitKey(campaign), state);
  }
  const now = o.now();
  let state = await load(store, sync.campaign, sync.arm);
  if (unitDue(state, { now, pageHide: sync.pageHide, lastEventAt: sync.lastEventAt })) {
    state = buildUnit(state, now, sync.newId);
    // Stored before it is sent: a retry after a crash or reload reuses the same id.
    await store.put('meta', unitKey(sync.campaign), state);
  }
  const pending = state.pending;
  if (!pending || (pending.nextAttemptAt > now && !sync.pageHide)) return 'none';
  const outcome = await postMessage('/v1/units', pending.message, o);
  const result = outcome === 'failed' ? 'failed' : outcome === 'rejected' ? 'refused' : 'acked';
  await store.put('meta', unitKey(sync.campaign), settleUnit(state, result, o.now(), backoffMs));
  return result;
}

/** Drops every campaign's unit state (local privacy turned on: exact totals must not leave any more). */
export async function dropUnits(store: EngineStore): Promise<void> {
  for (const [key] of await store.entries<unknown>('meta')) if (key.startsWith('units:')) await store.delete('meta', key);
}
