import { deepFreeze } from './deep-freeze';

type Entry<V> = { inputs: readonly unknown[]; at: number; value: V };

/**
 * Reuses an answer computed from the very same input objects (by identity) for a short time. It suits answers
 * derived from what a read cache returns: while the cache keeps its objects, the same question is computed once,
 * and new objects after a write mean a new answer. The age limit bounds how far an answer that depends on the
 * time of day lags behind it. Answers are shared between callers, so they are frozen.
 */
export class RecentAnswers<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 256,
  ) {}

  get(key: string, inputs: readonly unknown[], now: number, compute: () => V): V {
    const entry = this.entries.get(key);
    if (entry && now >= entry.at && now - entry.at < this.maxAgeMs && sameInputs(entry.inputs, inputs)) {
      return entry.value;
    }
    const value = deepFreeze(compute());
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { inputs, at: now, value });
    return value;
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((input, i) => input === b[i]);
}
