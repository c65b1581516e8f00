import { notFound } from '../errors';
import type { Caller } from '../identity/caller';
import type { PlanYear } from '../schemas/plan';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

/** The business plan of one financial year of the caller's partnership. */
export async function getPlan(
  stores: Pick<Stores, 'plans'>,
  caller: Caller,
  year: string,
): Promise<Versioned<PlanYear>> {
  const plan = await stores.plans.get(caller.partnershipId, year);
  if (!plan) throw notFound(`There is no business plan for ${year}.`);
  return plan;
}
