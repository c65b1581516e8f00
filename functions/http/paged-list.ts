import type { HttpHandler } from '@azure/functions';
import { listRecords } from '../../shared/records/list-records';
import type { RecordStore } from '../../shared/stores/record-store';
import type { Stores } from '../../shared/stores/stores';
import { authenticatedHandler } from './api-handler';
import { parsePageRequest } from './input';

/** GET handler answering one page of a kind of record: `{ items, continuationToken }`. */
export function pagedListHandler<T extends { id: string }>(pick: (stores: Stores) => RecordStore<T>): HttpHandler {
  return authenticatedHandler(async ({ request, runtime, caller }) => ({
    body: await listRecords(pick(runtime.stores), caller, parsePageRequest(request)),
  }));
}
