/**
 * Tile-title labels by item id, so a widget re-ranked on every event does not re-run the model
 * for titles it has already seen. A changed title is labelled again. Bounded: the oldest entries
 * go first (a Map iterates in insertion order; a hit is re-inserted to count as recent).
 */
import type { Classification } from '../../src/core/text/heads';

export class TitleCache {
  private readonly entries = new Map<string, { title: string; classification: Classification }>();
  constructor(private readonly max = 2000) {}

  get(id: string, title: string): Classification | undefined {
    const hit = this.entries.get(id);
    if (!hit || hit.title !== title) return undefined;
    this.entries.delete(id);
    this.entries.set(id, hit);
    return hit.classification;
  }

  set(id: string, title: string, classification: Classification): void {
    this.entries.delete(id);
    this.entries.set(id, { title, classification });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
