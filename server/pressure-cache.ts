/**
 * Clearance pressure per campaign item (core/inventory.ts) for the slice route. Only computed
 * for campaigns whose merchant set a clearance objective, and cached: it needs the purchase
 * aggregates, and sell-through projections do not change meaningfully within a minute.
 */
import { campaignPressure } from '../src/core/inventory';
import type { InventorySignal } from '../src/core/protocol';
import type { ItemId } from '../src/core/types';
import type { CampaignCache } from './campaign-cache';
import type { Store } from './store/types';


interface Entry {
  value: Promise<InventorySignal | null>;
  at: number;
}

export class PressureCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store, private readonly campaigns: CampaignCache, private readonly now: () => number, private readonly ttlMs = 60_000) {}

  /** The campaign's objective and pressures, or null when it has no clearance objective. */
  get(id: string): Promise<InventorySignal | null> {
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

  private async compute(id: string): Promise<InventorySignal | null> {
    const campaign = await this.campaigns.get(id);
    const clearance = campaign?.objective?.clearance ?? 0;
    if (!campaign || clearance <= 0) return null;
    const sold = new Map<ItemId, number>();
    for (const row of await this.store.itemStats(id)) sold.set(row.itemId, (sold.get(row.itemId) ?? 0) + row.purchases);
    return { clearance, pressure: campaignPressure(campaign, sold, this.now()) };
  }
}
