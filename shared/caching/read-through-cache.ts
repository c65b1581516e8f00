type Entry<V> = { until: number; value: Promise<V> };

/**
 * Values kept for a short time per partition and key. Concurrent misses share one load, a failed load is not
 * kept, and `forget` drops a partition: a load that was under way when it was called is not kept either, so a
 * read that raced a write cannot put the old value back.
 */
export class ReadThroughCache<V> {
  private readonly partitions = new Map<string, { generation: number; entries: Map<string, Entry<V>> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  read(partition: string, key: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const state = this.partition(partition);
    const hit = state.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const generation = state.generation;
    const entry: Entry<V> = { until: Number.POSITIVE_INFINITY, value: load() };
    state.entries.set(key, entry);
    entry.value.then(
      () => {
        if (state.generation === generation) entry.until = this.now() + this.ttlMs;
        else if (state.entries.get(key) === entry) state.entries.delete(key);
      },
      () => {
        if (state.entries.get(key) === entry) state.entries.delete(key);
      },
    );
    return entry.value;
  }

  forget(partition: string): void {
    const state = this.partitions.get(partition);
    if (!state) return;
    state.generation += 1;
    state.entries.clear();
  }

  private partition(partition: string) {
    let state = this.partitions.get(partition);
    if (!state) {
      state = { generation: 0, entries: new Map() };
      this.partitions.set(partition, state);
    }
    return state;
  }
}
