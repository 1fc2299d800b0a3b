/**
 * Read-through cache of campaigns for the hot public routes (campaign, stock, slice, ingest's
 * existence check). Parsing and validating a stored campaign on every request cost more than
 * the rest of the request. Writes through this instance invalidate at once; writes through
 * other instances are picked up within `ttlMs`.
 */
import type { Campaign } from '../src/core/protocol';
import type { Store } from './store/types';

interface Entry {
  campaign: Campaign | null;
  allowed: ReadonlySet<string>;
  at: number;
}

export class CampaignCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store, private readonly now: () => number, private readonly ttlMs = 1000) {}

  private async entry(id: string): Promise<Entry> {
    const hit = this.entries.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit;
    const campaign = await this.store.getCampaign(id);
    const entry = { campaign, allowed: new Set(campaign?.items.map((i) => i.id) ?? []), at: this.now() };
    // Unknown ids are cached too (briefly), but the table stays small.
    if (this.entries.size > 1000) this.entries.clear();
    this.entries.set(id, entry);
    return entry;
  }

  async get(id: string): Promise<Campaign | null> {
    return (await this.entry(id)).campaign;
  }

  /** The campaign's item ids (for restricting slices), or null for an unknown campaign. */
  async items(id: string): Promise<ReadonlySet<string> | null> {
    const e = await this.entry(id);
    return e.campaign ? e.allowed : null;
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }
}
