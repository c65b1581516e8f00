import type { Caller } from '../identity/caller';
import type { Page, PageRequest } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { licenceScope } from './finding-access';
import { type RunView, runView } from './get-run';

/** A page of the partnership's runs, newest first, each shaped for the caller as `getRun` shapes one. */
export async function listRuns(
  stores: Pick<Stores, 'licenceRuns'>,
  caller: Caller,
  page: PageRequest,
): Promise<Page<RunView>> {
  const scope = licenceScope(caller);
  const runs = await stores.licenceRuns.list(caller.partnershipId, { ...page, newestFirst: true });
  return { items: runs.items.map((run) => runView(scope, run)), continuationToken: runs.continuationToken };
}
