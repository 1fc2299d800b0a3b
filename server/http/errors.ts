/** The one JSON error shape of the HTTP API. Messages are for humans; never a stack trace. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode = 'INVALID_BODY' | 'INVALID_QUERY' | 'NOT_FOUND' | 'PAYLOAD_TOO_LARGE' | 'UNAUTHORIZED' | 'UNSUPPORTED_MEDIA_TYPE' | 'RATE_LIMITED' | 'INTERNAL';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export function jsonError(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(code, message), status);
}
