import type { SimulatedTenant } from '../demo-users';
import { personalConversationIdOf, teamsUserIdOf } from './teams-ids';

/** A demo user as Teams knows them in their chat with the bot. */
export type ChatUser = {
  userPrincipalName: string;
  displayName: string;
  objectId: string;
  tenantId: string;
  partnershipId: string;
  partnerCode: string;
  roles: string[];
  teamsUserId: string;
  conversationId: string;
};

/** Every user of the simulated councils' tenants, with their Teams ids for this bot. */
export function chatUsersOf(tenants: readonly SimulatedTenant[], botAppId: string): ChatUser[] {
  return tenants.flatMap((tenant) =>
    tenant.users.map((user) => ({
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      objectId: user.objectId,
      tenantId: tenant.tenantId.toLowerCase(),
      partnershipId: tenant.partnershipId,
      partnerCode: tenant.partnerCode,
      roles: [...user.roles],
      teamsUserId: teamsUserIdOf(tenant.tenantId, user.objectId, botAppId),
      conversationId: personalConversationIdOf(tenant.tenantId, user.objectId, botAppId),
    })),
  );
}
