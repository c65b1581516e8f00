import { DomainError } from '../../shared/errors';
import { type Approver, CARD_ROLES } from '../../shared/schemas/approvers';
import type { Stores } from '../../shared/stores/stores';
import type { SimulatedTenant } from '../tenants/demo-users';

/**
 * Each demo council's approvers record, from the demo directory: everyone who holds a role beyond `staff` in their
 * council's tenant acts on cards with those roles, as a partnership administrator would list them. Idempotent: a
 * council that has a list keeps it (an administrator may have changed it); a council of an absent partnership is
 * skipped.
 */
export async function seedApproversDemo(
  stores: Pick<Stores, 'partnerships' | 'approvers'>,
  tenants: readonly SimulatedTenant[],
): Promise<string> {
  let created = 0;
  for (const tenant of tenants) {
    const partnership = await stores.partnerships.get(tenant.partnershipId, tenant.partnershipId);
    if (!partnership?.record.partners.some((p) => p.code === tenant.partnerCode)) continue;
    const approvers: Approver[] = tenant.users.flatMap((user) => {
      const roles = CARD_ROLES.filter((role) => user.roles.includes(role));
      return roles.length > 0 ? [{ objectId: user.objectId.toLowerCase(), name: user.displayName, roles }] : [];
    });
    try {
      await stores.approvers.create({
        id: tenant.partnerCode,
        partnershipId: tenant.partnershipId,
        sequence: 0,
        partnerCode: tenant.partnerCode,
        approvers,
      });
      created += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
    }
  }
  return created > 0 ? `${created} councils' approvers listed` : 'approvers already listed';
}
