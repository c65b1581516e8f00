import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import { CardFactory, type ConnectorClient } from '@microsoft/agents-hosting';
import type { AdaptiveCardJson, BotMessenger, ConversationTarget } from '../bot-messenger';
import type { BotAdapter } from './bot-adapter';

/**
 * Proactive messages through the agents SDK: the adapter continues the stored conversation as the bot (its token
 * for the Bot Connector from the bot's tenant) and the SDK's connector client posts to the reference's service
 * URL, which the adapter's outbound policy checks first. The connector client is used directly rather than
 * `sendActivity`, which would post each card as a reply to the continuation's made-up activity id.
 */
export class SdkBotMessenger implements BotMessenger {
  constructor(
    private readonly adapterOf: () => BotAdapter,
    private readonly appId: string,
  ) {}

  async sendCard(target: ConversationTarget, card: AdaptiveCardJson): Promise<{ activityId: string }> {
    const id = await this.withConnector(target, (client) =>
      client.sendToConversation(target.conversationId, outgoing(target, { attachments: [adaptive(card)] })),
    );
    return { activityId: requireId(id.id) };
  }

  async sendText(target: ConversationTarget, text: string): Promise<{ activityId: string }> {
    const id = await this.withConnector(target, (client) =>
      client.sendToConversation(target.conversationId, outgoing(target, { text, textFormat: 'markdown' })),
    );
    return { activityId: requireId(id.id) };
  }

  async updateCard(target: ConversationTarget, activityId: string, card: AdaptiveCardJson): Promise<void> {
    await this.withConnector(target, (client) =>
      client.updateActivity(
        target.conversationId,
        activityId,
        outgoing(target, { id: activityId, attachments: [adaptive(card)] }),
      ),
    );
  }

  /**
   * Runs `use` inside a continued conversation. Its failure is carried out of the turn and thrown here: left inside,
   * the adapter's turn error handler would swallow it, and the caller would believe the card was sent.
   */
  private async withConnector<T>(target: ConversationTarget, use: (client: ConnectorClient) => Promise<T>): Promise<T> {
    const { adapter } = this.adapterOf();
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await adapter.continueConversation(this.appId, referenceOf(target), async (context) => {
      try {
        outcome = { ok: true, value: await use(context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new Error('The bot could not continue the conversation.');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}

function referenceOf(target: ConversationTarget): ConversationReference {
  return {
    channelId: target.channelId,
    serviceUrl: target.serviceUrl,
    conversation: {
      id: target.conversationId,
      tenantId: target.tenantId,
      conversationType: 'personal',
      isGroup: false,
    },
    agent: { id: target.botId },
    user: { id: target.teamsUserId, ...(target.userName ? { name: target.userName } : {}) },
  } as ConversationReference;
}

function outgoing(target: ConversationTarget, fields: Record<string, unknown>): Activity {
  return Activity.fromObject({
    type: 'message',
    channelId: target.channelId,
    serviceUrl: target.serviceUrl,
    conversation: {
      id: target.conversationId,
      tenantId: target.tenantId,
      conversationType: 'personal',
      isGroup: false,
    },
    from: { id: target.botId },
    recipient: { id: target.teamsUserId },
    channelData: { tenant: { id: target.tenantId } },
    ...fields,
  });
}

function adaptive(card: AdaptiveCardJson) {
  return CardFactory.adaptiveCard(card);
}

function requireId(id: string | undefined): string {
  if (!id) throw new Error('The Bot Connector answered without the id of the message it posted.');
  return id;
}
