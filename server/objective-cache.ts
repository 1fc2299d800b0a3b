/**
 * The merchant's ranking objective with the aggregates the worker needs to pursue it: clearance
 * pressure per item (core/inventory.ts) and position-corrected click counts for exploration
 * (core/position-bias.ts). Only computed for campaigns that set an objective, and cached: it
 * reads every aggregate row, and neither projections nor click rates move much within a minute.
 */
import { campaignPressure } from '../src/core/inventory';
import { correctedCounts, examinationCurve } from '../src/core/position-bias';
import type { ObjectiveSignals } from '../src/core/protocol';
import type { ItemId } from '../src/core/types';
import type { CampaignCache } from './campaign-cache';
import type { Store } from './store/types';


interface Entry {
  value: Promise<ObjectiveSignals | null>;
  at: number;
}

export class ObjectiveCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store, private readonly campaigns: CampaignCache, private readonly now: () => number, private readonly ttlMs = 60_000) {}

  /** The campaign's objective and its aggregates, or null for an unknown campaign. */
  get(id: string): Promise<ObjectiveSignals | null> {
    const hit = this.entries.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.compute(id);
    if (this.entries.size > 1000) this.entries.clear();
    this.entries.set(id, { value, at: this.now() });
    // A failed read is not cached: the next request tries again.
    value.catch(() => this.entries.delete(id));
    return value;
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }

  private async compute(id: string): Promise<ObjectiveSignals | null> {
    const campaign = await this.campaigns.get(id);
    if (!campaign) return null;
    const now = this.now();
    const out: ObjectiveSignals = { campaignId: id, at: new Date(now).toISOString() };
    const clearance = campaign.objective?.clearance ?? 0;
    const share = campaign.objective?.explore ?? 0;
    if (clearance <= 0 && share <= 0) return out;
    const rows = await this.store.itemStats(id);
    if (clearance > 0) {
      const sold = new Map<ItemId, number>();
      for (const row of rows) sold.set(row.itemId, (sold.get(row.itemId) ?? 0) + row.purchases);
      out.inventory = { clearance, pressure: campaignPressure(campaign, sold, now) };
    }
    if (share > 0) {
      // Both arms' impressions are honest observations of an item at a slot.
      const allowed = new Set(campaign.items.map((it) => it.id));
      const inCampaign = rows.filter((r) => allowed.has(r.itemId));
      out.explore = { share, items: correctedCounts(inCampaign, examinationCurve(inCampaign)) };
    }
    return out;
  }
}
