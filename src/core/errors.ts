/** The closed set of error codes reshelf raises; codes cross the worker boundary, not Error objects. */
export type ReshelfErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_INPUT'
  | 'STORAGE_UNAVAILABLE'
  | 'WORKER_UNAVAILABLE'
  | 'NETWORK'
  | 'DESTROYED'
  | 'INTERNAL';

export interface ErrorInfo {
  code: ReshelfErrorCode;
  message: string;
}

export class ReshelfError extends Error {
  readonly code: ReshelfErrorCode;
  constructor(code: ReshelfErrorCode, message: string) {
    super(`[reshelf:${code}] ${message}`);
    this.name = 'ReshelfError';
    this.code = code;
  }
  static from(info: ErrorInfo): ReshelfError {
    return new ReshelfError(info.code, info.message);
  }
}

/** What the worker returns instead of throwing (Comlink would keep only message and name). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
