/**
 * Integer item ids and flat typed arrays for the evaluation's hot loops. Item ids are the
 * training catalogue's strings interned in order of first appearance.
 */
import type { Session } from './sessions';

export interface Encoded {
  /** All clicks of all sessions, back to back. */
  items: Int32Array;
  /** Session s spans items[offsets[s] .. offsets[s+1]). */
  offsets: Int32Array;
  times: Float64Array;
}

export class Catalogue {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  id(name: string): number | undefined {
    return this.ids.get(name);
  }

  get size(): number {
    return this.names.length;
  }
}

/** Encodes sessions; unknown items are interned (train) or must already exist (test, after filterTest). */
export function encode(sessions: readonly Session[], catalogue: Catalogue): Encoded {
  let total = 0;
  for (const s of sessions) total += s.items.length;
  const items = new Int32Array(total);
  const times = new Float64Array(total);
  const offsets = new Int32Array(sessions.length + 1);
  let p = 0;
  sessions.forEach((s, i) => {
    offsets[i] = p;
    for (let j = 0; j < s.items.length; j++) {
      items[p] = catalogue.intern(s.items[j]!);
      times[p++] = s.times[j]!;
    }
  });
  offsets[sessions.length] = p;
  return { items, offsets, times };
}

/** Click counts per item. */
export function popularity(data: Encoded, n: number): Float64Array {
  const c = new Float64Array(n);
  for (const it of data.items) c[it]!++;
  return c;
}
