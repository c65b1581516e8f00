import type { Container } from '@azure/cosmos';
import type { Partnership } from '../../schemas/partnership';

/** The partnership with a partner in the tenant: a query across partitions, cached by its caller. */
export async function findPartnershipByTenant(container: Container, tenantId: string): Promise<Partnership | null> {
  const { resources } = await container.items
    .query<Partnership & { sequence?: number }>({
      query: 'SELECT VALUE c FROM c JOIN p IN c.partners WHERE p.tenantId = @tenantId',
      parameters: [{ name: '@tenantId', value: tenantId }],
    })
    .fetchAll();
  const found = resources[0];
  if (!found) return null;
  return {
    id: found.id,
    partnershipId: found.partnershipId,
    name: found.name,
    sharedServiceName: found.sharedServiceName,
    hostPartnerCode: found.hostPartnerCode,
    partners: found.partners,
  };
}
