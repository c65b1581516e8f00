import { randomUUID } from 'node:crypto';
import { DomainError, staleWrite } from '../../errors';
import type { Page, PageRequest, RecordStore, Stored, Versioned } from '../record-store';

/** In-memory record store with the same ETag and paging rules, for unit tests of use-cases only. */
export class MemoryRecordStore<T extends { id: string }> implements RecordStore<T> {
  private readonly rows = new Map<string, { record: Stored<T>; etag: string }>();

  async get(partnershipId: string, id: string): Promise<Versioned<T> | null> {
    const row = this.rows.get(key(partnershipId, id));
    return row ? { record: structuredClone(row.record), etag: row.etag } : null;
  }

  async list(partnershipId: string, page: PageRequest): Promise<Page<Stored<T>>> {
    const all = (await this.listAll(partnershipId)).map((row) => row.record);
    if (page.newestFirst) all.reverse();
    const start = page.continuationToken ? Number(page.continuationToken) : 0;
    const end = start + page.pageSize;
    return { items: all.slice(start, end), continuationToken: end < all.length ? String(end) : null };
  }

  async listAll(partnershipId: string): Promise<Versioned<T>[]> {
    return [...this.rows.values()]
      .filter((row) => row.record.partnershipId === partnershipId)
      .sort((a, b) => a.record.sequence - b.record.sequence)
      .map((row) => ({ record: structuredClone(row.record), etag: row.etag }));
  }

  async create(record: Stored<T>): Promise<Versioned<T>> {
    if (this.rows.has(key(record.partnershipId, record.id))) {
      throw new DomainError('conflict', `A record with id ${record.id} exists.`);
    }
    return this.write(record);
  }

  async replace(record: Stored<T>, etag: string): Promise<Versioned<T>> {
    const current = this.rows.get(key(record.partnershipId, record.id));
    if (!current) throw new DomainError('not-found', `No record with id ${record.id}.`);
    if (current.etag !== etag) throw staleWrite();
    return this.write(record);
  }

  async upsertMany(records: Stored<T>[]): Promise<Versioned<T>[]> {
    return records.map((record) => this.write(record));
  }

  private write(record: Stored<T>): Versioned<T> {
    const row = { record: structuredClone(record), etag: `"${randomUUID()}"` };
    this.rows.set(key(record.partnershipId, record.id), row);
    return { record: structuredClone(row.record), etag: row.etag };
  }
}

const key = (partnershipId: string, id: string) => `${partnershipId}\u0000${id}`;
