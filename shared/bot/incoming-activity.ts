import { z } from 'zod';
import { isLoopbackUrl } from '../config/loopback';
import { invalidInput, unauthenticated } from '../errors';
import { bindsActivity, type VerifiedBotFrameworkToken } from '../identity/bot-framework-token-verifier';
import type { ServiceUrlPolicy } from './service-url-policy';

/** Who sent a request to the bot: the Bot Connector (a verified token), or the Agents Playground (no token). */
export type BotRequestIdentity = { kind: 'bot-connector'; token: VerifiedBotFrameworkToken } | { kind: 'playground' };

const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
  aadObjectId: z.string().max(64).optional(),
});

/** The fields of an activity the bot checks before the SDK sees it; the rest passes through untouched. */
export const incomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url(),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    tenantId: z.string().max(64).optional(),
    conversationType: z.string().max(64).optional(),
    isGroup: z.boolean().optional(),
  }),
  from: account.optional(),
  recipient: account.optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(64) }).optional() }).optional(),
});
export type IncomingActivity = z.infer<typeof incomingActivity>;

export function parseIncomingActivity(body: unknown): IncomingActivity {
  const parsed = incomingActivity.safeParse(body);
  if (!parsed.success) throw invalidInput('The body is not a Bot Framework activity.');
  return parsed.data;
}

/**
 * Lets an activity through only when its sender vouches for it: the Bot Connector's verified token names the very
 * service URL the activity says replies go to, with a key endorsed for its channel; a Playground request (no token,
 * development only) may only name this machine. Either way the service URL must be one the bot may call. A refusal
 * is a 401, the same as a bad token.
 */
export function admitActivity(
  identity: BotRequestIdentity,
  activity: IncomingActivity,
  policy: ServiceUrlPolicy,
): void {
  const vouched =
    identity.kind === 'bot-connector' ? bindsActivity(identity.token, activity) : isLoopbackUrl(activity.serviceUrl);
  if (!vouched || !policy.isAllowed(activity.serviceUrl)) throw unauthenticated('The access token is not valid.');
}

/**
 * The tenant of the conversation, as Teams puts it in two places; when they disagree, neither is believed.
 */
export function tenantOfActivity(activity: IncomingActivity): string | undefined {
  const fromChannelData = activity.channelData?.tenant?.id?.toLowerCase();
  const fromConversation = activity.conversation.tenantId?.toLowerCase();
  if (fromChannelData && fromConversation && fromChannelData !== fromConversation) return undefined;
  return fromChannelData ?? fromConversation;
}
