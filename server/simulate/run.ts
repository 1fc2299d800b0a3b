/**
 * SIMULATED campaign through the real pieces: arms from `assignArm`, batches from the SDK's
 * `accumulate`/`seal` (sealed every 15 s and at the end of a session, like the engine's flush),
 * ingested by the real app over `app.request('/v1/signals')` into an in-memory SQLite store
 * (or a store the caller gives, e.g. the demo's), then the report read from the real admin endpoint.
 * Each shopper's device also keeps its unit state (core/unit-state.ts, as workers/unit-outbox.ts
 * does) and sends a unit message to `/v1/units` when the tab is hidden at the end of a session.
 */
import { accumulate, emptyAccumulator, seal, SESSION_GAP_MS, type Accumulator } from '../../src/core/aggregate';
import { assignArm } from '../../src/core/arm';
import type { SignalBatch } from '../../src/core/protocol';
import { buildUnit, emptyUnitState, recordSealed, settleUnit, unitDue, type UnitState } from '../../src/core/unit-state';
import type { CampaignReport } from '../../src/core/report/report';
import type { ShopperEvent } from '../../src/core/types';
import { createApp } from '../app';
import { prng } from '../seed';
import { SimilarityService } from '../similarity-job';
import { SqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';
import { makeShopper, sessionEvents, SIM_READ_AFTER_MS, SIM_START, simulatedCampaign, type Shopper } from './shoppers';

export interface SimulateOptions {
  shoppers: number;
  /** Planted relative lift of the treatment arm's click probability, in [-0.9, 1]. */
  lift: number;
  seed: number;
  /** Control share. @defaultValue 0.5 (the SDK's default is 0.1; half/half gives the most power per shopper) */
  holdout?: number | undefined;
  /** Campaign id. @defaultValue 'sim-campaign' */
  campaignId?: string | undefined;
  /** Campaign start (ms since epoch); the report is read 12 h later. @defaultValue 2025-06-01T00:00Z */
  startsAt?: number | undefined;
  /**
   * Ingest into this store instead of a private in-memory one (the demo fills its own database).
   * It is not closed here; batch ids repeat per seed, so a re-run adds nothing twice.
   */
  target?: { store: Store; similarity: SimilarityService } | undefined;
  /** What the device sends for each sealed batch, e.g. local-privacy noise (simulate/privacy.ts). @defaultValue the batch itself */
  transform?: ((batch: SignalBatch, newId: () => string) => SignalBatch[]) | undefined;
  /**
   * Devices send unit messages (shopper-level moments), as the SDK does without local privacy.
   * @defaultValue true
   */
  units?: boolean | undefined;
}

export interface SimulationResult {
  simulated: true;
  planted: number;
  shoppers: number;
  seed: number;
  holdout: number;
  batches: number;
  /** Unit messages sent (0 with `units: false`). */
  unitMessages: number;
  report: CampaignReport;
}

/** The engine's outbox flush interval. */
const FLUSH_MS = 15_000;
const TOKEN = 'simulate';
/** Batches sent at once: a file-backed store commits what arrives in one turn in one transaction. */
const INGEST_CHUNK = 256;

/** What a shopper's device does: send a batch, or hide the tab at the end of a session (at time t). */
type DeviceStep = { batch: SignalBatch } | { hiddenAt: number };

function* shopperSteps(rand: () => number, s: Shopper, campaign: ReturnType<typeof simulatedCampaign>, lift: number, newId: () => string, start: number): Generator<DeviceStep> {
  const sessions = 1 + (rand() < 0.4 ? 1 : 0) + (rand() < 0.15 ? 1 : 0);
  // Session starts spread over the elapsed half of the campaign, at least a session gap apart.
  const starts = Array.from({ length: sessions }, () => start + rand() * (SIM_READ_AFTER_MS - 4 * SESSION_GAP_MS)).sort((a, b) => a - b);
  for (let i = 1; i < starts.length; i++) starts[i] = Math.max(starts[i]!, starts[i - 1]! + SESSION_GAP_MS + 60_000);
  let acc: Accumulator = emptyAccumulator(campaign.id);
  const flush = function* (): Generator<DeviceStep> {
    const { batches, rest } = seal(acc, s.arm, newId);
    acc = rest;
    for (const batch of batches) yield { batch };
  };
  for (const start of starts) {
    let next = start + FLUSH_MS;
    const events: ShopperEvent[] = sessionEvents(rand, s, campaign, start, lift);
    for (const e of events) {
      if (e.t >= next) {
        yield* flush();
        next = e.t + FLUSH_MS;
      }
      accumulate(acc, e);
    }
    yield* flush(); // tab hidden at the end of the session
    yield { hiddenAt: acc.lastT ?? start };
  }
}

export async function runSimulation(options: SimulateOptions): Promise<SimulationResult> {
  const holdout = options.holdout ?? 0.5;
  if (!Number.isInteger(options.shoppers) || options.shoppers < 1) throw new Error(`shoppers must be an integer ≥ 1, got ${options.shoppers}`);
  if (!(options.lift >= -0.9 && options.lift <= 1)) throw new Error(`lift must be in [-0.9, 1], got ${options.lift}`);
  if (!(holdout > 0 && holdout < 1)) throw new Error(`holdout must be in (0, 1), got ${holdout}`);
  const startsAt = options.startsAt ?? SIM_START;
  const campaign = simulatedCampaign(options.campaignId, startsAt);
  const store: Store = options.target ? options.target.store : new SqliteStore(':memory:');
  try {
    const similarity = options.target?.similarity ?? (await SimilarityService.open(store));
    const app = createApp({ store, similarity, adminToken: TOKEN, now: () => startsAt + SIM_READ_AFTER_MS, rateLimits: false });
    const admin = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const put = await app.request(`/v1/admin/campaigns/${campaign.id}`, { method: 'PUT', headers: admin, body: JSON.stringify(campaign) });
    if (put.status !== 201 && put.status !== 200) throw new Error(`campaign upsert answered ${put.status}: ${await put.text()}`);

    const rand = prng(options.seed);
    let n = 0;
    const newId = () => `sim-${options.seed}-${(n++).toString(36)}`;
    const sold = new Map<string, number>();
    let pending: Array<{ path: string; body: unknown }> = [];
    const send = async () => {
      const results = await Promise.all(pending.map((r) => app.request(r.path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(r.body) })));
      pending = [];
      // 200: already counted by an earlier run into the same store.
      const bad = results.find((res) => res.status !== 202 && res.status !== 200);
      if (bad) throw new Error(`ingest answered ${bad.status}: ${await bad.text()}`);
    };
    const sendUnits = options.units ?? true;
    let unitMessages = 0;
    for (let i = 0; i < options.shoppers; i++) {
      // A random on-device id, as the SDK would make one; it never leaves this loop.
      const anonId = `${Math.floor(rand() * 2 ** 32).toString(36)}-${Math.floor(rand() * 2 ** 32).toString(36)}`;
      const shopper = makeShopper(rand, anonId, assignArm(anonId, campaign.id, holdout));
      let units: UnitState = emptyUnitState(campaign.id, shopper.arm);
      for (const step of shopperSteps(rand, shopper, campaign, options.lift, newId, startsAt)) {
        if ('hiddenAt' in step) {
          // The worker's unit outbox at page hide: build when due, send, advance on the (checked) ack.
          if (sendUnits && unitDue(units, { now: step.hiddenAt, pageHide: true })) {
            units = buildUnit(units, step.hiddenAt, newId);
            pending.push({ path: '/v1/units', body: units.pending!.message });
            units = settleUnit(units, 'acked', step.hiddenAt, () => 0);
            unitMessages++;
          }
          continue;
        }
        const { batch } = step;
        for (const sent of options.transform?.(batch, newId) ?? [batch]) pending.push({ path: '/v1/signals', body: sent });
        units = recordSealed(units, shopper.arm, [batch]);
        for (const c of batch.items) if (c.purchases > 0) sold.set(c.itemId, (sold.get(c.itemId) ?? 0) + c.purchases);
      }
      if (pending.length >= INGEST_CHUNK) await send();
    }
    await send();
    // The merchant's order system reports stock left, as it would in production.
    const stock = Object.fromEntries(campaign.items.map((it) => [it.id, Math.max(0, it.initialStock - (sold.get(it.id) ?? 0))]));
    const set = await app.request(`/v1/admin/campaigns/${campaign.id}/stock`, { method: 'POST', headers: admin, body: JSON.stringify({ stock }) });
    if (set.status !== 200) throw new Error(`stock update answered ${set.status}: ${await set.text()}`);

    const res = await app.request(`/v1/admin/campaigns/${campaign.id}/report`, { headers: admin });
    if (res.status !== 200) throw new Error(`report answered ${res.status}: ${await res.text()}`);
    const report = (await res.json()) as CampaignReport;
    return { simulated: true, planted: options.lift, shoppers: options.shoppers, seed: options.seed, holdout, batches: n - unitMessages, unitMessages, report };
  } finally {
    if (!options.target) await store.close();
  }
}
