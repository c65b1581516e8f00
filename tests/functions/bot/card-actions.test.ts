import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardActions } from '../../../functions/bot/card-actions';
import type { BotGateway } from '../../../shared/bot/bot-gateway';
import type { ConversationTarget } from '../../../shared/bot/bot-messenger';
import type { CardActionContext } from '../../../shared/bot/card-actions';
import { forbidden } from '../../../shared/errors';
import { type BotApp, startBotApp } from '../../support/bot-app';

const FIONA = 'fiona.bryant@cambridge.example';
const ALEX = 'alex.turner@cambridge.example';
const SAM = 'sam.smith@huntingdonshire.example';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

const card = (text: string) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text, wrap: true }],
  actions: [{ type: 'Action.Execute', title: 'Refresh', verb: 'refreshCard', data: { id: 'item-1' } }],
});

/**
 * Card actions (Action.Execute) as Teams sends them, through the Bot Connector stand-in and the SDK: routed by verb
 * to the handler a workflow registered, with the acting user resolved from the activity and the partnership's
 * approvers; and cards sent, updated and answered through the bot's messenger.
 */
describe('card actions and proactive cards', () => {
  let app: BotApp;
  let bot: BotGateway;
  const seen: CardActionContext[] = [];
  const realRefresh = cardActions.handlerFor('refreshCard');
  const messages = (upn: string) => app.connector.conversationOf(upn).activities.filter((a) => a.sender === 'bot');
  const targetOf = async (upn: string): Promise<ConversationTarget> => {
    const user = app.connector.userOf(upn);
    const found = await app.runtime.stores.conversationReferences.get(
      user.partnershipId,
      `${user.tenantId}:${user.objectId}`,
    );
    if (!found) throw new Error(`${upn} has no conversation reference`);
    return found.record;
  };

  beforeAll(async () => {
    app = await startBotApp();
    bot = app.runtime.bot as BotGateway;
    // A test double in place of the workflows' refresh verb, put back after.
    cardActions.unregister('refreshCard');
    cardActions.register('refreshCard', async (context) => {
      seen.push(context);
      return card(`Refreshed for ${context.caller.name} (${context.trigger})`);
    });
    cardActions.register('alwaysRefused', async () => {
      throw forbidden('Only an approver of this council may decide.');
    });
    for (const upn of [FIONA, ALEX, SAM]) await app.connector.install(upn);
  });
  afterAll(async () => {
    cardActions.unregister('refreshCard');
    if (realRefresh) cardActions.register('refreshCard', realRefresh);
    cardActions.unregister('alwaysRefused');
    await app?.stop();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('sends a card to a stored conversation, and the stand-in records it with its message id', async () => {
    const { activityId } = await bot.messenger.sendCard(await targetOf(FIONA), card('Please decide'));
    const posted = messages(FIONA).find((m) => m.id === activityId);
    expect(posted?.activity).toMatchObject({
      type: 'message',
      attachments: [{ contentType: CARD_TYPE, content: card('Please decide') }],
    });
    expect(posted?.activity).not.toHaveProperty('replyToId');
  });

  it('answers an Action.Execute of a registered verb with the card its handler returns', async () => {
    const { activityId } = await bot.messenger.sendCard(await targetOf(FIONA), card('Please decide'));
    const answer = await app.connector.pressCardButton(FIONA, {
      messageId: activityId,
      verb: 'refreshCard',
      data: { id: 'item-1', comment: 'Agreed' },
    });
    expect(answer).toEqual({
      status: 200,
      body: { statusCode: 200, type: CARD_TYPE, value: card('Refreshed for Fiona Bryant (manual)') },
    });
    const fiona = app.connector.userOf(FIONA);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      verb: 'refreshCard',
      data: { id: 'item-1', comment: 'Agreed' },
      trigger: 'manual',
      messageId: activityId,
      caller: {
        partnershipId: '3c-ict',
        partnerCode: 'CCC',
        tenantId: fiona.tenantId,
        userId: fiona.objectId,
        name: 'Fiona Bryant',
        roles: ['staff', 'risk-approver', 'bid-approver'],
        teamsUserId: fiona.teamsUserId,
      },
    });
    // Teams shows the user the card the bot answered with, in place of the posted one.
    expect(app.connector.conversationOf(FIONA).activities.find((a) => a.id === activityId)?.view).toEqual(
      card('Refreshed for Fiona Bryant (manual)'),
    );
  });

  it('takes the roles from the council approvers, not from the card: a member of staff is only staff', async () => {
    const { activityId } = await bot.messenger.sendCard(await targetOf(ALEX), card('For information'));
    await app.connector.pressCardButton(ALEX, {
      messageId: activityId,
      verb: 'refreshCard',
      data: { roles: ['partnership-admin'], partnerCode: 'HDC', userId: 'someone-else' },
      trigger: 'automatic',
    });
    expect(seen[0]?.caller).toMatchObject({ partnerCode: 'CCC', roles: ['staff'], name: 'Alex Turner' });
    expect(seen[0]?.trigger).toBe('automatic');
  });

  it('follows the approvers list as the partnership admin changes it', async () => {
    const token = await app.tenants.issueUserAccessToken(SAM);
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${app.baseUrl}/api/${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const listed = await (await call('GET', 'approvers')).json();
    const city = listed.items.find((item: { partnerCode: string }) => item.partnerCode === 'CCC');
    const alex = app.connector.userOf(ALEX);
    const approvers = [...city.approvers, { objectId: alex.objectId, name: 'Alex Turner', roles: ['risk-approver'] }];
    expect((await call('PUT', 'approvers/CCC', { approvers })).status).toBe(428);
    expect((await call('PUT', 'approvers/CCC', { approvers }, { 'if-match': city.etag })).status).toBe(200);

    const { activityId } = await bot.messenger.sendCard(await targetOf(ALEX), card('Please decide'));
    await app.connector.pressCardButton(ALEX, { messageId: activityId, verb: 'refreshCard' });
    expect(seen[0]?.caller.roles).toEqual(['staff', 'risk-approver']);
  });

  it('refuses an unknown verb with a 400 invoke error, and runs nothing', async () => {
    const { activityId } = await bot.messenger.sendCard(await targetOf(FIONA), card('Please decide'));
    const answer = await app.connector.pressCardButton(FIONA, { messageId: activityId, verb: 'noSuchVerb' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'unknown-verb' },
    });
    expect(seen).toEqual([]);
  });

  it('passes a refusal of the use-case on to Teams as an error on the card (403)', async () => {
    const { activityId } = await bot.messenger.sendCard(await targetOf(FIONA), card('Please decide'));
    const answer = await app.connector.pressCardButton(FIONA, { messageId: activityId, verb: 'alwaysRefused' });
    expect(answer).toMatchObject({
      status: 403,
      body: { statusCode: 403, value: { code: 'forbidden', message: 'Only an approver of this council may decide.' } },
    });
  });

  it('refuses a card action without a valid Bot Framework token', async () => {
    const invoke = app.connector.activityFrom(FIONA, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'refreshCard', data: {} }, trigger: 'manual' },
    });
    expect((await app.connector.post(invoke, null)).status).toBe(401);
    expect((await app.connector.post(invoke, `Bearer ${await app.tenants.issueUserAccessToken(FIONA)}`)).status).toBe(
      401,
    );
    expect(seen).toEqual([]);
  });

  it('updates a posted card for everyone, and sends text', async () => {
    const target = await targetOf(SAM);
    const { activityId } = await bot.messenger.sendCard(target, card('Awaiting decisions'));
    await bot.messenger.updateCard(target, activityId, card('Tolerated by every council'));
    const { activityId: textId } = await bot.messenger.sendText(target, 'A reminder');
    const posted = messages(SAM);
    expect(posted.find((m) => m.id === activityId)).toMatchObject({
      updatedAt: expect.any(String),
      activity: { attachments: [{ content: card('Tolerated by every council') }] },
    });
    expect(posted.find((m) => m.id === textId)?.activity.text).toBe('A reminder');
  });

  it('fails loudly when the Bot Connector refuses, and never calls a service URL outside it', async () => {
    const target = await targetOf(SAM);
    await expect(bot.messenger.updateCard(target, '1:no-such-message', card('x'))).rejects.toThrow();
    const elsewhere = { ...target, serviceUrl: 'https://bot-connector.example/teams/' };
    await expect(bot.messenger.sendText(elsewhere, 'leak')).rejects.toThrow(/not in the configured allowed hosts/);
  });
});
