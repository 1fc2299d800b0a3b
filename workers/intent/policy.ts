/**
 * When the model may load, and whether a failed load may be tried again. Pure, so the rules are
 * tested without a browser: the model is an enhancement and must never cost a shopper a loop of
 * 15 MB downloads.
 */
import type { ModelLoadPolicy } from './types';

/** What asks for the model: idle time after the page settled, or shopper text (search, chat, classify). */
export type LoadTrigger = 'idle' | 'text';

/** `saveData`: `navigator.connection.saveData`, undefined where the browser does not tell. */
export function mayStartLoad(policy: ModelLoadPolicy, trigger: LoadTrigger, saveData: boolean | undefined): boolean {
  if (policy === 'never') return false;
  if (trigger === 'text') return true;
  return policy === 'idle' && saveData !== true;
}

export interface AttemptLog {
  attempts: number;
  /** When the last attempt failed (ms); undefined while none has. */
  lastFailureAt: number | undefined;
}

/** At most two loads per page (worker lifetime), the second no sooner than a minute after the first failed. */
export const MAX_ATTEMPTS = 2;
export const RETRY_AFTER_MS = 60_000;

export function mayAttempt(log: AttemptLog, now: number): boolean {
  if (log.attempts === 0) return true;
  if (log.attempts >= MAX_ATTEMPTS || log.lastFailureAt === undefined) return false;
  return now - log.lastFailureAt >= RETRY_AFTER_MS;
}
