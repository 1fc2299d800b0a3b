/**
 * Serialized slice bodies, so a repeated slice read is a map lookup instead of parsing the
 * query, filtering neighbour lists and stringifying them. An entry is valid only for the
 * similarity version and the campaign item set it was built from (the campaign cache hands out
 * a new set whenever it reloads a campaign), so a rebuild or a changed campaign is never served
 * stale. Only valid queries are stored, so a hit needs no validation.
 */
import { createHash } from 'node:crypto';

export interface CachedSlice {
  body: string;
  /** Weak validator from the body's bytes: equal bodies get equal tags across rebuilds and instances. */
  etag: string;
}

interface Entry extends CachedSlice {
  version: number;
  allowed: ReadonlySet<string>;
}

export class SliceCache {
  private readonly entries = new Map<string, Entry>();

  /** `maxEntries` bounds memory: a slice body is a few KB (≤ 50 KB at the query limits). */
  constructor(private readonly maxEntries = 1000) {}

  /** The body cached under `key` for this similarity version and campaign item set, if any. */
  lookup(key: string, version: number, allowed: ReadonlySet<string>): CachedSlice | undefined {
    const hit = this.entries.get(key);
    return hit && hit.version === version && hit.allowed === allowed ? hit : undefined;
  }

  store(key: string, version: number, allowed: ReadonlySet<string>, body: string): CachedSlice {
    const entry: Entry = { body, etag: etagOf(body), version, allowed };
    // Oldest first out: Map keeps insertion order, and a replaced entry moves to the end.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
    return entry;
  }
}

export function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** True when the client's If-None-Match lists `etag` (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored.
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}
