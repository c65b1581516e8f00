import { deepFreeze } from '../../caching/deep-freeze';
import { ReadThroughCache } from '../../caching/read-through-cache';
import type { Page, PageRequest, RecordStore, Stored, Versioned } from '../record-store';

/**
 * A record store whose `get` and `listAll` answers are kept for a few seconds per partnership, for the reads that
 * every member of staff makes at once (the status page, the KPI dashboard). A write through this store forgets
 * its partnership's answers, so this instance reads its own writes at once; another instance's writes are seen
 * within the time to live. Writes always go to the store, with their ETags, so a stale read cannot overwrite a
 * newer record: it fails as a stale write, which forgets the partnership's answers too. Kept answers are frozen,
 * so a use-case cannot change them for the next caller. Paged `list` is not kept.
 */
export class CachedRecordStore<T extends { id: string }> implements RecordStore<T> {
  private readonly cache: ReadThroughCache<unknown>;

  constructor(
    private readonly inner: RecordStore<T>,
    ttlMs: number,
    now?: () => number,
  ) {
    this.cache = new ReadThroughCache(ttlMs, now);
  }

  get(partnershipId: string, id: string): Promise<Versioned<T> | null> {
    return this.cache.read(partnershipId, `get:${id}`, async () =>
      deepFreeze(await this.inner.get(partnershipId, id)),
    ) as Promise<Versioned<T> | null>;
  }

  listAll(partnershipId: string): Promise<Versioned<T>[]> {
    return this.cache.read(partnershipId, 'all', async () =>
      deepFreeze(await this.inner.listAll(partnershipId)),
    ) as Promise<Versioned<T>[]>;
  }

  list(partnershipId: string, page: PageRequest): Promise<Page<Stored<T>>> {
    return this.inner.list(partnershipId, page);
  }

  create(record: Stored<T>): Promise<Versioned<T>> {
    return this.writing([record], () => this.inner.create(record));
  }

  replace(record: Stored<T>, etag: string): Promise<Versioned<T>> {
    return this.writing([record], () => this.inner.replace(record, etag));
  }

  upsertMany(records: Stored<T>[]): Promise<Versioned<T>[]> {
    return this.writing(records, () => this.inner.upsertMany(records));
  }

  /** Forgets before the write (a read under way is not kept) and after it, whether it succeeded or not. */
  private async writing<R>(records: Stored<T>[], write: () => Promise<R>): Promise<R> {
    const partnerships = new Set(records.map((record) => record.partnershipId));
    const forget = () => {
      for (const partnershipId of partnerships) this.cache.forget(partnershipId);
    };
    forget();
    try {
      return await write();
    } finally {
      forget();
    }
  }
}
