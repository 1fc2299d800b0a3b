/** The ESM entry of reshelf. Every export is named here; nothing leaks by accident. */
export { createReshelf, defaultWorkerUrl } from './api/create';
export type { Reshelf, ReshelfStatus, TrackEvent } from './api/create';
export { ReshelfError } from './core/errors';
export type { ReshelfErrorCode } from './core/errors';
export type { ReshelfOptions, ReorderMode } from './core/options';
export type { ConsentState } from './core/consent';
export type { Arm, ItemId, RankResult, Reason, ScoredTile, ShopperEvent, Tile } from './core/types';
export type { FlushReport } from '../workers/api';
