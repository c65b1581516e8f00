import { unauthenticated } from '../errors';
import type { Partnership } from '../schemas/partnership';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

/** The partnership a verified caller belongs to; an unknown one is refused like a bad credential. */
export async function findPartnership(
  stores: Pick<Stores, 'partnerships'>,
  partnershipId: string,
): Promise<Partnership> {
  return partnershipFrom(await stores.partnerships.get(partnershipId, partnershipId));
}

/** The partnership as the store answered it, without its storage fields. */
export function partnershipFrom(found: Versioned<Partnership> | null): Partnership {
  if (!found) throw unauthenticated('Unknown partnership.');
  const { sequence: _sequence, ...partnership } = found.record;
  return partnership;
}
