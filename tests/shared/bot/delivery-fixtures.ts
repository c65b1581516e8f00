import type { AdaptiveCardJson, BotMessenger, ConversationTarget } from '../../../shared/bot/bot-messenger';
import type { Stores } from '../../../shared/stores/stores';
import { threeCouncils } from '../../support/memory-partnership';

const P = threeCouncils.id;
const T0 = new Date('2026-01-05T09:00:00.000Z');

export const objectIdOf = (code: string) =>
  `00000000-0000-4000-8000-0000000000${code === 'CCC' ? '01' : code === 'HDC' ? '02' : '03'}`;

export type Call = { kind: 'send' | 'update' | 'text'; to: string; activityId?: string; card?: AdaptiveCardJson };

/**
 * Records what the bot would send; `failSends` makes every new card fail, and `failUpdates` every card update, as a
 * Bot Connector outage would.
 */
export function fakeMessenger() {
  const calls: Call[] = [];
  let next = 0;
  const state = { failSends: false, failUpdates: false };
  const messenger: BotMessenger = {
    sendCard: async (target: ConversationTarget, card: AdaptiveCardJson) => {
      await Promise.resolve();
      if (state.failSends) throw new Error('Bot Connector unavailable');
      next += 1;
      calls.push({ kind: 'send', to: target.teamsUserId, activityId: `1:${next}`, card });
      return { activityId: `1:${next}` };
    },
    updateCard: async (target: ConversationTarget, activityId: string, card: AdaptiveCardJson) => {
      await Promise.resolve();
      if (state.failUpdates) throw new Error('Bot Connector unavailable');
      calls.push({ kind: 'update', to: target.teamsUserId, activityId, card });
    },
    sendText: async (target: ConversationTarget) => {
      calls.push({ kind: 'text', to: target.teamsUserId });
      return { activityId: 'text' };
    },
  };
  return { messenger, calls, state };
}

/** Each council's one risk and bid approver, who has installed the app. */
export async function withApprovers(stores: Stores): Promise<void> {
  for (const partner of threeCouncils.partners) {
    const objectId = objectIdOf(partner.code);
    await stores.approvers.create({
      id: partner.code,
      partnershipId: P,
      sequence: 0,
      partnerCode: partner.code,
      approvers: [{ objectId, name: `Approver of ${partner.code}`, roles: ['risk-approver', 'bid-approver'] }],
    });
    await stores.conversationReferences.create({
      id: `${partner.tenantId}:${objectId}`,
      partnershipId: P,
      sequence: 0,
      partnerCode: partner.code,
      tenantId: partner.tenantId,
      userObjectId: objectId,
      teamsUserId: `29:${partner.code}`,
      userName: null,
      botId: '28:bot',
      conversationId: `a:${partner.code}`,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      updatedAt: T0.toISOString(),
    });
  }
}
