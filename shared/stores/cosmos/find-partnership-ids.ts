import type { Container } from '@azure/cosmos';

/** Every partnership's id, across partitions: for the timers that work through all of them. */
export async function findPartnershipIds(partnerships: Container): Promise<string[]> {
  const { resources } = await partnerships.items.query<string>('SELECT VALUE c.partnershipId FROM c').fetchAll();
  return [...new Set(resources)].sort();
}
