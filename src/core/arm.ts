/** Deterministic holdout assignment from the anonymous on-device id (never sent). */
import type { Arm } from './types';

/** FNV-1a 32-bit, good enough to spread random ids uniformly over [0, 1). */
export function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x1_0000_0000;
}

export function assignArm(anonId: string, campaignId: string, holdout: number): Arm {
  return hashUnit(`${campaignId}:${anonId}`) < holdout ? 'control' : 'treatment';
}
