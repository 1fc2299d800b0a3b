/** Helpers for the report tests (not shipped). */
import { addToMoments, emptyMoments, zeroTotals, type ArmMoments, type BatchTotals } from '../../src/core/report/totals';
import type { Arm } from '../../src/core/types';

export function moments(arm: Arm, batches: ReadonlyArray<Partial<BatchTotals>>): ArmMoments {
  const m = emptyMoments(arm);
  for (const b of batches) addToMoments(m, { ...zeroTotals(), ...b });
  return m;
}
