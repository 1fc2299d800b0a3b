/**
 * Bearer-token guard for the admin API. With no token configured the admin API is closed
 * (401 on every call), so a forgotten env var never leaves it open.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { jsonError } from './errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function adminAuth(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!expected) {
      return jsonError(c, 401, 'UNAUTHORIZED', 'the admin API is disabled: start the server with an admin token (RESHELF_ADMIN_TOKEN)');
    }
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // Compare fixed-length digests in constant time so the token cannot be guessed byte by byte.
    if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="reshelf-admin"');
      return jsonError(c, 401, 'UNAUTHORIZED', m ? 'the admin token is wrong' : 'send "Authorization: Bearer <admin token>"');
    }
    await next();
    return undefined;
  };
}
