import type { Caller } from '../identity/caller';
import type { Page, PageRequest, RecordStore, Stored } from '../stores/record-store';

/** A page of one kind of record of the caller's partnership; any member of staff may read. */
export function listRecords<T extends { id: string }>(
  store: RecordStore<T>,
  caller: Caller,
  page: PageRequest,
): Promise<Page<Stored<T>>> {
  return store.list(caller.partnershipId, page);
}
