import { type Caller, knownRoles } from '../identity/caller';
import type { Partner, Partnership } from '../schemas/partnership';
import type { Stores } from '../stores/stores';

/** Who pressed a card's button or wrote to the bot, as the verified activity and the partnership's records say. */
export type BotCaller = Caller & {
  /** Their Teams id for this bot (`29:...`), as `refresh.userIds` names them. */
  teamsUserId: string;
};

/** The user of an activity: ids Teams puts on it, verified by the Bot Connector's signature on the request. */
export type ActivityUser = { tenantId: string; objectId: string; teamsUserId: string; name: string | undefined };

/**
 * The caller behind a card action or message. The partnership and council come from the tenant of the
 * conversation (already matched to a partnership), never from the card. An activity carries no user token, so the
 * roles cannot come from the app roles a token would carry: they come from the council's approvers record, which
 * the partnership's administrators keep. Anyone of a partner tenant is `staff`; nobody else is anything.
 */
export async function resolveBotCaller(
  stores: Pick<Stores, 'approvers'>,
  partnership: Partnership,
  user: ActivityUser,
): Promise<BotCaller> {
  const partner = partnerOfTenant(partnership, user.tenantId);
  if (!partner) throw new Error(`Tenant ${user.tenantId} is not a council of ${partnership.id}`);
  const objectId = user.objectId.toLowerCase();
  const found = await stores.approvers.get(partnership.id, partner.code);
  const listed = found?.record.approvers.find((approver) => approver.objectId === objectId);
  return {
    partnershipId: partnership.id,
    partnerCode: partner.code,
    roles: knownRoles(['staff', ...(listed?.roles ?? [])]),
    tenantId: partner.tenantId.toLowerCase(),
    userId: objectId,
    name: listed?.name ?? user.name ?? objectId,
    teamsUserId: user.teamsUserId,
  };
}

export function partnerOfTenant(partnership: Partnership, tenantId: string): Partner | undefined {
  return partnership.partners.find((p) => p.tenantId.toLowerCase() === tenantId.toLowerCase());
}
