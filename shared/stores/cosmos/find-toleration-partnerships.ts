import type { Container } from '@azure/cosmos';

/** Partnerships with a standing toleration: the ones the daily review has work in, found across partitions. */
export async function findTolerationPartnerships(container: Container): Promise<string[]> {
  const { resources } = await container.items
    .query<string>({
      query: "SELECT VALUE c.partnershipId FROM c WHERE c.status = 'decided' AND c.outcome = 'tolerate'",
    })
    .fetchAll();
  return [...new Set(resources)].sort();
}
