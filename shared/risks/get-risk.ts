import { notFound } from '../errors';
import type { Caller } from '../identity/caller';
import type { InfrastructureRisk } from '../schemas/risks';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

export async function getRisk(
  stores: Pick<Stores, 'risks'>,
  caller: Caller,
  id: string,
): Promise<Versioned<InfrastructureRisk>> {
  const risk = await stores.risks.get(caller.partnershipId, id);
  if (!risk) throw notFound(`There is no risk ${id}.`);
  return risk;
}
