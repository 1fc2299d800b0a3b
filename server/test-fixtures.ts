/** Shared fixtures for the server tests (not shipped). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Campaign, ItemCounts, PairCount, SignalBatch } from '../src/core/protocol';
import { createApp, type AppDeps } from './app';
import { SimilarityService } from './similarity-job';
import { SqliteStore } from './store/sqlite';

export const CAMPAIGN: Campaign = {
  id: 'spring-sale',
  name: 'Spring flash sale',
  currency: 'EUR',
  startsAt: '2025-03-01T00:00:00.000Z',
  endsAt: '2025-03-02T00:00:00.000Z',
  items: [
    { id: 'a1', title: 'Headphones', category: 'audio', price: 49, listPrice: 99, stock: 10, initialStock: 10 },
    { id: 'a2', title: 'Speaker', category: 'audio', price: 29, listPrice: 59, stock: 5, initialStock: 5 },
    { id: 'a3', title: 'Earbuds', category: 'audio', price: 19, listPrice: 39, stock: 0, initialStock: 8, pinned: 0 },
    { id: 'k1', title: 'Kettle', category: 'kitchen', price: 25, listPrice: 40, stock: 3, initialStock: 3 },
    { id: 'k2', title: 'Toaster', category: 'kitchen', price: 30, listPrice: 45, stock: 7, initialStock: 7 },
    { id: 's1', title: 'Yoga mat', category: 'sport', price: 15, listPrice: 30, stock: 9, initialStock: 9 },
  ],
};

export function counts(itemId: string, position: number, over: Partial<ItemCounts> = {}): ItemCounts {
  return { itemId, position, impressions: 1, clicks: 0, carts: 0, purchases: 0, revenue: 0, ...over };
}

export function batch(batchId: string, items: ItemCounts[] = [], pairs: PairCount[] = [], over: Partial<SignalBatch> = {}): SignalBatch {
  return { v: 1, batchId, campaignId: CAMPAIGN.id, arm: 'treatment', items, pairs, ...over };
}

export interface TestApp {
  app: Hono;
  store: SqliteStore;
  similarity: SimilarityService;
  errors: unknown[];
}

/** An in-memory store with CAMPAIGN seeded and an app around it. */
export async function testApp(over: Partial<AppDeps> = {}): Promise<TestApp> {
  const store = new SqliteStore(':memory:');
  await store.putCampaign(CAMPAIGN, 0);
  const similarity = await SimilarityService.open(store);
  const errors: unknown[] = [];
  const app = createApp({ store, similarity, now: () => Date.parse('2025-03-01T12:00:00Z'), logError: (e) => errors.push(e), ...over });
  return { app, store, similarity, errors };
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'reshelf-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
