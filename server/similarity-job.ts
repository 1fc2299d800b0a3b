/**
 * Keeps item-to-item neighbours fresh: rebuilds from the stored transitions on demand or on a
 * timer (only when new pairs arrived), and holds the current build in memory so slice reads
 * never touch the database. With several instances on one store, one builds at a time (the
 * store's build lock) and the others load its result when the store announces it.
 */
import { buildSimilarity, sliceNeighbours, type Neighbours, type SimilarityOptions } from '../src/core/similarity';
import type { ItemId } from '../src/core/types';
import type { Store } from './store/types';

export interface RebuildResult {
  version: number;
  /** Items that have at least one neighbour. */
  items: number;
}

export interface SimilarityServiceOptions {
  build?: SimilarityOptions;
  /** Reports scheduler failures; the scheduler keeps running. Defaults to console.error. */
  onError?: (error: unknown) => void;
}

export class SimilarityService {
  private version = 0;
  private neighbours: Neighbours = new Map();
  private running: Promise<RebuildResult> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;

  private constructor(
    private readonly store: Store,
    private readonly options: SimilarityServiceOptions,
  ) {}

  /** Loads the last saved build so a restart serves slices immediately. */
  static async open(store: Store, options: SimilarityServiceOptions = {}): Promise<SimilarityService> {
    const s = new SimilarityService(store, options);
    await s.reload();
    s.unsubscribe = store.onSimilaritySaved((version) => s.onSaved(version));
    return s;
  }

  get currentVersion(): number {
    return this.version;
  }

  get itemCount(): number {
    return this.neighbours.size;
  }

  /** Neighbours of `history` restricted to `allowed` (a campaign's items), top-k each. */
  slice(history: Iterable<ItemId>, allowed: ReadonlySet<ItemId>, k: number): { version: number; neighbors: Record<ItemId, Array<[ItemId, number]>> } {
    return { version: this.version, neighbors: sliceNeighbours(this.neighbours, history, allowed, k) };
  }

  async reload(): Promise<void> {
    const saved = await this.store.loadSimilarity();
    // Two overlapping reloads may finish out of order; never step back to an older build.
    if (saved.version < this.version) return;
    this.version = saved.version;
    this.neighbours = saved.neighbours;
  }

  /**
   * Rebuilds now. Concurrent callers share one build rather than racing on the version; when
   * another process is building, waits for it and serves its build instead.
   */
  rebuild(): Promise<RebuildResult> {
    if (!this.running) {
      this.running = this.buildOrFollow().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** Rebuilds only when pairs arrived since the last build; picks up builds made by another process. */
  async rebuildIfDirty(): Promise<RebuildResult | null> {
    if ((await this.store.similarityVersion()) > this.version) await this.reload();
    if ((await this.store.pairsSinceBuild()) === 0) return null;
    return this.rebuild();
  }

  /** Starts the periodic check; `everySeconds` ≤ 0 disables it. */
  start(everySeconds: number): void {
    this.clearTimer();
    if (!(everySeconds > 0)) return;
    this.timer = setInterval(() => {
      this.rebuildIfDirty().catch(this.options.onError ?? ((e: unknown) => console.error('reshelf: similarity rebuild failed', e)));
    }, everySeconds * 1000);
    this.timer.unref?.(); // never keep a process alive just for this
  }

  async stop(): Promise<void> {
    this.clearTimer();
    this.unsubscribe?.();
    this.unsubscribe = null;
    // Let an in-flight build finish before the caller closes the store.
    await this.running?.catch(() => undefined);
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A build saved by another process (ours set the version themselves). */
  private onSaved(version: number): void {
    if (version <= this.version || this.running) return;
    this.reload().catch(this.options.onError ?? ((e: unknown) => console.error('reshelf: similarity reload failed', e)));
  }

  private async buildOrFollow(): Promise<RebuildResult> {
    const built = await this.store.exclusiveBuild(() => this.buildAndSave());
    if (built) return built;
    await this.reload();
    return { version: this.version, items: this.neighbours.size };
  }

  private async buildAndSave(): Promise<RebuildResult> {
    const { transitions, pairsSeq } = await this.store.readTransitions();
    const neighbours = buildSimilarity(transitions, this.options.build ?? {});
    const version = Math.max(this.version, await this.store.similarityVersion()) + 1;
    await this.store.saveSimilarity(version, neighbours, pairsSeq);
    this.version = version;
    this.neighbours = neighbours;
    return { version, items: neighbours.size };
  }
}
