import { describe, expect, it } from 'vitest';
import type { ObjectiveSignals } from '../src/core/protocol';
import { seededRng } from '../src/core/rng';
import { fetchObjective, objectiveExplore, objectiveScoring } from './objective';

const body: ObjectiveSignals = { campaignId: 'c1', at: '2026-11-29T00:00:00Z', inventory: { clearance: 0.3, pressure: { a: 0.5 } }, explore: { share: 0.1, items: { a: [2, 10] } } };
const respond = (status: number, json: unknown): typeof fetch => async () => new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json' } });

describe('fetchObjective', () => {
  it('returns a validated objective', async () => {
    expect(await fetchObjective('http://x', 'c1', respond(200, body))).toEqual(body);
  });

  it('refuses errors, other campaigns and malformed bodies', async () => {
    await expect(fetchObjective('http://x', 'c1', respond(503, {}))).rejects.toThrow(/503/);
    await expect(fetchObjective('http://x', 'c1', respond(200, { ...body, campaignId: 'c2' }))).rejects.toThrow(/invalid/);
    await expect(fetchObjective('http://x', 'c1', respond(200, { ...body, inventory: { clearance: 'x' } }))).rejects.toThrow(/invalid/);
  });
});

describe('objective in ranking', () => {
  it('maps clearance to weights and pressure, exploration to options', () => {
    expect(objectiveScoring(body)).toEqual({ weights: { clearance: 0.3 }, pressure: { a: 0.5 } });
    expect(objectiveScoring(undefined)).toEqual({});
    expect(objectiveExplore(body, seededRng(1))).toMatchObject({ share: 0.1, stats: { items: { a: [2, 10] } } });
    expect(objectiveExplore({ campaignId: 'c1', at: body.at }, seededRng(1))).toBeUndefined();
  });
});
