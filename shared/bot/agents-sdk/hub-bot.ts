import type { Activity } from '@microsoft/agents-activity';
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type TurnContext,
} from '@microsoft/agents-hosting';
import type { Caller } from '../../identity/caller';
import { getCurrentStatus } from '../../status/current-status';
import { type ActivityUser, resolveBotCaller } from '../bot-caller';
import { type BotReply, commandOf, helpReply, statusReply, welcomeReply } from '../bot-replies';
import { cardActionError, runCardAction } from '../card-actions';
import { type PersonalConversation, rememberConversation } from '../remember-conversation';
import { type HubTurn, hubTurnOf } from './hub-turn';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bot's answers to Teams, on the agents SDK's ActivityHandler: it remembers where it can reach a user when
 * they install the app (or the bot is added to their chat, or they write to it), answers "help" and "status", and
 * routes Action.Execute presses to the card action registered for their verb. The logic lives in the plain modules
 * beside it; this class only maps the SDK's activities onto them. One instance serves the whole process.
 */
export class HubBot extends ActivityHandler {
  constructor() {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await remember(context);
      // An upgrade of the app ("add-upgrade") is no news to the user.
      if (context.activity.action === 'add') await sendReply(context, welcomeReply(context.activity.from?.name));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((member) => member.id === botId)) await remember(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await remember(context);
      await sendReply(context, await answerMessage(context));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = hubTurnOf(context);
    const user = activityUser(context.activity, turn);
    if (!user) return cardActionError(403, 'unknown-user', 'Teams did not say who pressed the button.');
    const caller = await resolveBotCaller(turn.stores, turn.partnership, user);
    const raw = context.activity.value as { trigger?: unknown } | undefined;
    try {
      return await runCardAction(turn.cardActions, {
        verb: typeof value.action?.verb === 'string' ? value.action.verb : '',
        caller,
        data: plainObject(value.action?.data),
        trigger: raw?.trigger === 'automatic' ? 'automatic' : 'manual',
        messageId: context.activity.replyToId,
        stores: turn.stores,
        messenger: turn.messenger,
        now: turn.now(),
      });
    } catch (error) {
      turn.log(`card action ${value.action?.verb} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return cardActionError(500, 'internal', 'Something went wrong on our side; please try again.');
    }
  }
}

async function answerMessage(context: TurnContext): Promise<BotReply> {
  const turn = hubTurnOf(context);
  if (commandOf(context.activity.text) === 'help') return helpReply(turn.cardContext);
  const user = activityUser(context.activity, turn);
  // The status is the partnership's, shown to any member of staff: a user Teams does not name still gets it.
  const caller: Caller = user
    ? await resolveBotCaller(turn.stores, turn.partnership, user)
    : {
        partnershipId: turn.partnership.id,
        partnerCode: turn.partner.code,
        roles: ['staff'],
        tenantId: turn.partner.tenantId,
        userId: '',
        name: 'Teams user',
      };
  return statusReply(await getCurrentStatus(turn.stores, caller), turn.cardContext);
}

async function sendReply(context: TurnContext, reply: BotReply): Promise<void> {
  if (reply.kind === 'text') {
    await context.sendActivity({ type: 'message', text: reply.text, textFormat: 'markdown' } as Activity);
  } else {
    await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(reply.card)] } as Activity);
  }
}

/** Keeps the user's personal chat with the bot; a team or group chat is not where their own cards go. */
async function remember(context: TurnContext): Promise<void> {
  const turn = hubTurnOf(context);
  const conversation = personalConversation(context.activity, turn);
  if (conversation) await rememberConversation(turn.stores, conversation, turn.now());
}

function personalConversation(activity: Activity, turn: HubTurn): PersonalConversation | null {
  const { conversation, from, recipient } = activity;
  const personal = !conversation?.isGroup && (conversation?.conversationType ?? 'personal') === 'personal';
  if (!personal || !conversation?.id || !from?.id || !recipient?.id || !activity.serviceUrl) return null;
  const user = activityUser(activity, turn);
  if (!user) return null;
  return {
    partnershipId: turn.partnership.id,
    partnerCode: turn.partner.code,
    tenantId: user.tenantId,
    userObjectId: user.objectId,
    teamsUserId: user.teamsUserId,
    userName: from.name?.slice(0, 200) ?? null,
    botId: recipient.id,
    conversationId: conversation.id,
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId ?? 'msteams',
  };
}

/** The user Teams says the activity is from, in the council the conversation's tenant was matched to. */
function activityUser(activity: Activity, turn: HubTurn): ActivityUser | null {
  const objectId = activity.from?.aadObjectId;
  if (!activity.from?.id || !objectId || !GUID.test(objectId)) return null;
  return {
    tenantId: turn.partner.tenantId.toLowerCase(),
    objectId: objectId.toLowerCase(),
    teamsUserId: activity.from.id,
    name: activity.from.name,
  };
}

function plainObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
