import type { Role } from '../identity/caller';
import type { Approver } from '../schemas/approvers';
import type { ConversationReferenceRecord } from '../schemas/conversation-references';
import type { Stores } from '../stores/stores';
import { conversationOf } from './remember-conversation';

/** An approver a card should go to, with the conversation to post it in (null until they install the app). */
export type CardRecipient = {
  partnerCode: string;
  approver: Approver;
  conversation: ConversationReferenceRecord | null;
};

/**
 * The people of these councils who hold `role` on cards (the risk approvers of every council a risk belongs
 * to, the bid approvers of the councils with a share), each with where the bot reaches them. The workflows send
 * their cards to those with a conversation, and can say who has not installed the app yet.
 */
export async function cardRecipients(
  stores: Pick<Stores, 'partnerships' | 'approvers' | 'conversationReferences'>,
  partnershipId: string,
  partnerCodes: readonly string[],
  role: Exclude<Role, 'staff'>,
): Promise<CardRecipient[]> {
  const found = await stores.partnerships.get(partnershipId, partnershipId);
  const partners = found?.record.partners ?? [];
  const lists = await Promise.all(
    partnerCodes.map(async (partnerCode) => ({
      partner: partners.find((p) => p.code === partnerCode),
      approvers: (await stores.approvers.get(partnershipId, partnerCode))?.record.approvers ?? [],
    })),
  );
  const recipients = lists.flatMap(({ partner, approvers }) =>
    partner ? approvers.filter((a) => a.roles.includes(role)).map((approver) => ({ partner, approver })) : [],
  );
  return Promise.all(
    recipients.map(async ({ partner, approver }) => ({
      partnerCode: partner.code,
      approver,
      conversation: await conversationOf(stores, partnershipId, partner.tenantId, approver.objectId),
    })),
  );
}
