import { describe, expect, it } from 'vitest';
import { liftOf, logRatioVariance } from '../../src/core/report/delta';
import { erfc, twoSidedP } from '../../src/core/report/normal';
import { moments } from './fixtures';

// Batches as (impressions, clicks). Hand computation in the comments.
const T = moments('treatment', [{ impressions: 10, clicks: 1 }, { impressions: 10, clicks: 2 }, { impressions: 20, clicks: 3 }]);
const C = moments('control', [{ impressions: 10, clicks: 1 }, { impressions: 10, clicks: 1 }, { impressions: 10, clicks: 2 }]);

describe('delta method', () => {
  it('matches the hand-computed variance of a log ratio', () => {
    // x̄ = 40/3, ȳ = 2, s_x² = 100/3, s_y² = 1, s_xy = 5:
    // (1/3)·(1/4 + (100/3)/(1600/9) − 2·5/(2·40/3)) = (1/3)·(0.25 + 0.1875 − 0.375) = 1/48
    expect(logRatioVariance(T, 'clicks', 'impressions', T.cross.ctr)).toBeCloseTo(1 / 48, 12);
    // x constant (s_x² = 0, s_xy = 0), s_y² = 1/3, ȳ = 4/3: (1/3)·(1/3)/(16/9) = 1/16
    expect(logRatioVariance(C, 'clicks', 'impressions', C.cross.ctr)).toBeCloseTo(1 / 16, 12);
  });
  it('gives the hand-computed lift, CI and p-value', () => {
    const l = liftOf(T, C, 'clicks', 'impressions', T.cross.ctr, C.cross.ctr);
    // R_t = 0.15, R_c = 2/15: lift 12.5%; se = √(1/48 + 1/16) = 0.288675; z = ln(1.125)/se = 0.408012
    expect(l.treatment).toBeCloseTo(0.15, 12);
    expect(l.control).toBeCloseTo(2 / 15, 12);
    expect(l.estimate).toBeCloseTo(0.125, 12);
    expect(l.seLog).toBeCloseTo(0.28867513, 7);
    expect(l.z).toBeCloseTo(0.40801240, 6);
    expect(l.p).toBeCloseTo(0.68326457, 6);
    expect(l.ci![0]).toBeCloseTo(-0.36110160, 6);
    expect(l.ci![1]).toBeCloseTo(0.98094876, 6);
    expect(l.significant).toBe(false);
  });
  it('says why there is no CI', () => {
    const one = moments('control', [{ impressions: 10, clicks: 1 }]);
    expect(liftOf(T, one, 'clicks', 'impressions', T.cross.ctr, one.cross.ctr)).toMatchObject({ ci: null, p: null, reason: 'needs at least 2 batches in each arm' });
    const noClicks = moments('control', [{ impressions: 10 }, { impressions: 5 }]);
    expect(liftOf(T, noClicks, 'clicks', 'impressions', T.cross.ctr, 0)).toMatchObject({ estimate: null, ci: null, reason: 'no clicks in control' });
    const noSessions = moments('control', [{ impressions: 10 }, { impressions: 5 }]);
    expect(liftOf(T, noSessions, 'purchases', 'sessions', 0, 0)).toMatchObject({ ci: null, reason: 'no sessions in treatment' });
  });
  it('computes normal tail probabilities', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-3)).toBeCloseTo(0.0026998, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
    expect(erfc(-1)).toBeCloseTo(1.8427008, 6);
  });
});
