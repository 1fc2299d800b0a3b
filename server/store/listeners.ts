/** A tiny listener set for store events: a failing listener is logged and never breaks the write that fired it. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  constructor(private readonly name: string) {}

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  get size(): number {
    return this.set.size;
  }

  emit(value: T): void {
    for (const listener of this.set) {
      try {
        listener(value);
      } catch (e) {
        console.error(`reshelf: ${this.name} listener failed`, e);
      }
    }
  }
}
