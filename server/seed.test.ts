import { PAIR_GAP_WEIGHTS } from '../src/core/aggregate';
import { describe, expect, it } from 'vitest';
import { parseSignalBatch } from '../src/core/protocol';
import { prng, seedCampaign, simulatedBatch, warmSimilarity } from './seed';
import { SimilarityService } from './similarity-job';
import { SqliteStore } from './store/sqlite';
import { CAMPAIGN } from './test-fixtures';

describe('seedCampaign', () => {
  it('validates and upserts', async () => {
    const store = new SqliteStore(':memory:');
    expect((await seedCampaign(store, CAMPAIGN)).created).toBe(true);
    expect((await seedCampaign(store, CAMPAIGN)).created).toBe(false);
    await expect(seedCampaign(store, { ...CAMPAIGN, endsAt: CAMPAIGN.startsAt })).rejects.toThrow(/invalid campaign: .*endsAt/);
    await store.close();
  });
});

describe('warmSimilarity (SIMULATED)', () => {
  it('fabricates one valid SDK-shaped batch per session, deterministically', () => {
    const a = simulatedBatch(prng(7), CAMPAIGN, 7, 3);
    const b = simulatedBatch(prng(7), CAMPAIGN, 7, 3);
    expect(a).toEqual(b);
    expect(a.batchId).toBe('sim-7-3');
    expect(a.arm).toBe('treatment');
    expect(parseSignalBatch(a)).toEqual({ ok: true, value: a });
    expect(a.items.some((c) => c.impressions > 0)).toBe(true);
    // Weights are sums of the SDK's gap weights (the same aggregator the browser runs).
    for (const p of a.pairs) expect(p.weight).toBeGreaterThanOrEqual(Math.min(...PAIR_GAP_WEIGHTS));
  });

  it('warms a non-empty, campaign-restricted slice and is idempotent per seed', async () => {
    const store = new SqliteStore(':memory:');
    await seedCampaign(store, CAMPAIGN);
    const sim = await SimilarityService.open(store);
    const r = await warmSimilarity(store, CAMPAIGN, { sessions: 150, seed: 42, similarity: sim });
    expect(r).toMatchObject({ simulated: true, batches: 150, duplicates: 0, version: 1 });
    const slice = sim.slice(['a1', 'k1'], new Set(CAMPAIGN.items.map((i) => i.id)), 5);
    expect(slice.neighbors.a1?.length).toBeGreaterThan(0);
    // Shoppers mostly stay in their categories, so an audio item's best neighbour is audio.
    const audio = new Set(CAMPAIGN.items.filter((i) => i.category === 'audio').map((i) => i.id));
    expect(audio.has(slice.neighbors.a1![0]![0])).toBe(true);
    const before = await store.itemStats(CAMPAIGN.id);
    const again = await warmSimilarity(store, CAMPAIGN, { sessions: 150, seed: 42, similarity: sim });
    expect(again.duplicates).toBe(150);
    expect(await store.itemStats(CAMPAIGN.id)).toEqual(before);
    await store.close();
  });
});
