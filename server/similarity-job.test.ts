import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimilarityService } from './similarity-job';
import { SqliteStore, openSqliteStore } from './store/sqlite';
import { batch, tempDir } from './test-fixtures';

afterEach(() => vi.useRealTimers());

const pairs = [
  { from: 'a', to: 'b', weight: 1 },
  { from: 'b', to: 'c', weight: 1 },
  { from: 'a', to: 'c', weight: 0.5 },
];

describe('SimilarityService', () => {
  it('builds neighbours from ingested pairs and saves them with version+1', async () => {
    const store = new SqliteStore(':memory:');
    const sim = await SimilarityService.open(store);
    expect(sim.currentVersion).toBe(0);
    await store.ingest(batch('x1', [], pairs));
    expect(await sim.rebuild()).toEqual({ version: 1, items: 3 });
    const slice = sim.slice(['a', 'zz'], new Set(['b', 'c']), 10);
    expect(slice.version).toBe(1);
    expect(Object.keys(slice.neighbors)).toEqual(['a']);
    expect(slice.neighbors.a!.map(([id]) => id)).toEqual(['b', 'c']);
    expect(slice.neighbors.a![0]![1]).toBe(1);
    const saved = await store.loadSimilarity();
    expect(saved.version).toBe(1);
    expect(saved.neighbours.get('a')).toEqual(slice.neighbors.a);
    await store.close();
  });

  it('rebuildIfDirty only rebuilds when new pairs arrived', async () => {
    const store = new SqliteStore(':memory:');
    const sim = await SimilarityService.open(store);
    expect(await sim.rebuildIfDirty()).toBeNull();
    await store.ingest(batch('x1', [{ itemId: 'a', position: 0, impressions: 1, clicks: 0, carts: 0, purchases: 0, revenue: 0 }]));
    expect(await sim.rebuildIfDirty()).toBeNull(); // counts but no pairs: nothing to rebuild
    await store.ingest(batch('x2', [], pairs));
    expect(await sim.rebuildIfDirty()).toEqual({ version: 1, items: 3 });
    expect(await sim.rebuildIfDirty()).toBeNull();
    await store.ingest(batch('x2', [], pairs)); // duplicate: not dirty
    expect(await sim.rebuildIfDirty()).toBeNull();
    await store.close();
  });

  it('shares one build between concurrent callers', async () => {
    const store = new SqliteStore(':memory:');
    const sim = await SimilarityService.open(store);
    await store.ingest(batch('x1', [], pairs));
    const [a, b] = await Promise.all([sim.rebuild(), sim.rebuild()]);
    expect(a).toEqual(b);
    expect(await store.similarityVersion()).toBe(1);
    await store.close();
  });

  it('runs on a timer and stops cleanly', async () => {
    vi.useFakeTimers();
    const store = new SqliteStore(':memory:');
    const sim = await SimilarityService.open(store);
    sim.start(30);
    await store.ingest(batch('x1', [], pairs));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sim.currentVersion).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sim.currentVersion).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sim.currentVersion).toBe(1); // nothing new, no rebuild
    await sim.stop();
    await store.ingest(batch('x2', [], [{ from: 'c', to: 'd', weight: 1 }]));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sim.currentVersion).toBe(1);
    await store.close();
  });

  it('loads the last build on open and picks up a build made by another process', async () => {
    const t = tempDir();
    const path = join(t.dir, 'db.sqlite');
    const server = openSqliteStore(path);
    await server.ingest(batch('x1', [], pairs));
    const serverSim = await SimilarityService.open(server);
    const cli = openSqliteStore(path);
    await (await SimilarityService.open(cli)).rebuild(); // e.g. `reshelf similarity rebuild`
    await cli.close();
    expect(serverSim.currentVersion).toBe(0);
    await serverSim.rebuildIfDirty();
    expect(serverSim.currentVersion).toBe(1);
    expect(serverSim.itemCount).toBe(3);
    await server.close();
    const reopened = openSqliteStore(path);
    expect((await SimilarityService.open(reopened)).currentVersion).toBe(1);
    await reopened.close();
    t.cleanup();
  });

  it('serves the build of another process that held the build lock instead of building again', async () => {
    const t = tempDir();
    const path = join(t.dir, 'db.sqlite');
    const other = openSqliteStore(path);
    const store = openSqliteStore(path);
    await store.ingest(batch('x1', [], pairs));
    const sim = await SimilarityService.open(store);
    // What a lock-holding store does: wait for the other builder, then report "not built here".
    const lock = vi.spyOn(store, 'exclusiveBuild').mockImplementation(async () => {
      await (await SimilarityService.open(other)).rebuild();
      return null;
    });
    expect(await sim.rebuild()).toEqual({ version: 1, items: 3 });
    expect(lock).toHaveBeenCalledOnce();
    expect(await store.similarityVersion()).toBe(1);
    expect(sim.slice(['a'], new Set(['b']), 5).neighbors.a?.[0]?.[0]).toBe('b');
    await other.close();
    await store.close();
    t.cleanup();
  });
});
