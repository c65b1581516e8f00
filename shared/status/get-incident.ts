import type { Caller } from '../identity/caller';
import type { Incident } from '../schemas/incidents';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { readIncident } from './incident-rules';

/**
 * One incident of the caller's partnership, with its ETag for a later change. Any member of staff may read every
 * council's incidents (status is shared across the partnership); another partnership's are not found.
 */
export function getIncident(
  stores: Pick<Stores, 'incidents'>,
  caller: Caller,
  id: string,
): Promise<Versioned<Incident>> {
  return readIncident(stores, caller, id);
}
