/** The named presets: each knows one data set's layout and how its labels map into the taxonomy. */
import type { Preset } from '../source';
import { amazonCells } from './amazon-cells';
import { amazonIn } from './amazon-in';
import { clinc150 } from './clinc150';
import { multiDomain } from './multi-domain';
import { onlineShopping } from './online-shopping';
import { pricerunner } from './pricerunner';
import { waimai } from './waimai';

export { genericPreset, type GenericOptions } from './generic';

/** In `prepare` order: zh first, then en. */
export const PRESETS: readonly Preset[] = [onlineShopping, waimai, multiDomain, amazonCells, pricerunner, amazonIn, clinc150];

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
