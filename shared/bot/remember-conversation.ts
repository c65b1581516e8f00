import { DomainError } from '../errors';
import {
  type ConversationReferenceRecord,
  conversationReferenceId,
  conversationReferenceRecord,
} from '../schemas/conversation-references';
import type { Stores } from '../stores/stores';

/** What Teams told the bot about a user's personal chat with it, after the tenant was resolved to a council. */
export type PersonalConversation = Omit<ConversationReferenceRecord, 'id' | 'sequence' | 'updatedAt'>;

/**
 * Keeps where the bot can reach a user, so cards can be sent to them later: called when they install the app or
 * write to the bot. Written only when something changed (a new user, another conversation or service URL), so the
 * messages of a conversation cost no write. Two deliveries at once are harmless: the second finds the first's.
 */
export async function rememberConversation(
  stores: Pick<Stores, 'conversationReferences'>,
  conversation: PersonalConversation,
  now: Date,
): Promise<{ changed: boolean }> {
  const record = conversationReferenceRecord.parse({
    ...conversation,
    id: conversationReferenceId(conversation.tenantId, conversation.userObjectId),
    sequence: 0,
    updatedAt: now.toISOString(),
  });
  const current = await stores.conversationReferences.get(record.partnershipId, record.id);
  if (current && sameConversation(current.record, record)) return { changed: false };
  try {
    if (current) await stores.conversationReferences.replace(record, current.etag);
    else await stores.conversationReferences.create(record);
  } catch (error) {
    const raced = error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'precondition-failed');
    if (!raced) throw error;
    return { changed: false };
  }
  return { changed: true };
}

/** The user's reference, or null when they have not installed the app (or not written to the bot) yet. */
export async function conversationOf(
  stores: Pick<Stores, 'conversationReferences'>,
  partnershipId: string,
  tenantId: string,
  userObjectId: string,
): Promise<ConversationReferenceRecord | null> {
  const found = await stores.conversationReferences.get(partnershipId, conversationReferenceId(tenantId, userObjectId));
  return found?.record ?? null;
}

const COMPARED = [
  'partnerCode',
  'teamsUserId',
  'userName',
  'botId',
  'conversationId',
  'serviceUrl',
  'channelId',
] as const;

function sameConversation(a: ConversationReferenceRecord, b: ConversationReferenceRecord): boolean {
  return COMPARED.every((field) => a[field] === b[field]);
}
