import type { StoredFields } from '../schemas/common';

export type Stored<T> = T & StoredFields;

/** A record with the ETag it was read at, to send back with the next write. */
export type Versioned<T> = { record: Stored<T>; etag: string };

export type Page<T> = { items: T[]; continuationToken: string | null };

export type PageRequest = { pageSize: number; continuationToken?: string; newestFirst?: boolean };

/**
 * Records of one kind, partitioned by partnership. Writes of an existing record carry the ETag it was read
 * at, so a stale write fails instead of overwriting someone else's change.
 */
export interface RecordStore<T extends { id: string }> {
  get(partnershipId: string, id: string): Promise<Versioned<T> | null>;
  /** One page in source order (or newest first); pass the returned token back for the next page. */
  list(partnershipId: string, page: PageRequest): Promise<Page<Stored<T>>>;
  listAll(partnershipId: string): Promise<Versioned<T>[]>;
  /** Fails with a conflict when a record with the id exists. */
  create(record: Stored<T>): Promise<Versioned<T>>;
  /** Fails with precondition-failed when the record changed since `etag`. */
  replace(record: Stored<T>, etag: string): Promise<Versioned<T>>;
  /** Creates or overwrites records without an ETag check: for imports of a whole document. */
  upsertMany(records: Stored<T>[]): Promise<Versioned<T>[]>;
}

/** The largest page a list endpoint serves. */
export const MAX_PAGE_SIZE = 200;
