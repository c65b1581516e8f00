import type { Container } from '@azure/cosmos';

/** Partnerships whose licence reconciler is set up: the schedule's once-a-week query across partitions. */
export async function findReconciledPartnerships(container: Container): Promise<string[]> {
  const { resources } = await container.items
    .query<string>({ query: "SELECT VALUE c.partnershipId FROM c WHERE c.id = 'settings'" })
    .fetchAll();
  return [...new Set(resources)].sort();
}
