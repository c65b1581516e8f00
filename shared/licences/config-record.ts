import { recordWrites } from '../audit/audit-trail';
import { DomainError, staleWrite } from '../errors';
import type { Caller } from '../identity/caller';
import type { RecordStore, Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

export type ConfigWrite<T extends { id: string }> = Versioned<T> & { created: boolean };

/**
 * Writes one of the partnership's fixed-id configuration records (price list, reconciler settings) the way
 * every edit is written: once it exists, only with the ETag the caller read (428 without, 412 when stale).
 * The first one is created without an ETag, since there is nothing to overwrite; if two administrators create
 * it at once, the second is told it changed meanwhile instead of overwriting the first.
 */
export async function writeConfigRecord<T extends { id: string }>(
  store: RecordStore<T>,
  audit: Stores['audit'],
  caller: Caller,
  record: Stored<T>,
  etag: string | undefined,
  what: { action: string; kind: string; label: string },
): Promise<ConfigWrite<T>> {
  const { action, kind, label } = what;
  const current = await store.get(record.partnershipId, record.id);
  let written: Versioned<T>;
  if (current) {
    if (!etag) {
      throw new DomainError(
        'precondition-required',
        `Send the ETag of the ${label} you read in an If-Match header, so you cannot overwrite someone else's change.`,
      );
    }
    written = await store.replace(record, etag);
  } else {
    if (etag) {
      throw new DomainError(
        'precondition-failed',
        `There is no ${label} for that ETag; read it again, or send no If-Match to create the first one.`,
      );
    }
    try {
      written = await store.create(record);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'conflict') throw staleWrite();
      throw error;
    }
  }
  await recordWrites(audit, caller, action, [
    { kind, id: record.id, etagBefore: current?.etag ?? null, etagAfter: written.etag },
  ]);
  return { ...written, created: !current };
}
