import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BOT_APP_ID } from '../../../local/tenants/bot-connector/bot-registration';
import { botAdaptersCreated } from '../../../shared/bot/agents-sdk/bot-adapter';
import { expectValidAdaptiveCard } from '../../support/adaptive-card-validator';
import { type BotApp, startBotApp } from '../../support/bot-app';
import { OUTSIDER_TENANT } from '../../support/secured-app';

const FIONA = 'fiona.bryant@cambridge.example';
const ALEX = 'alex.turner@cambridge.example';
const EVE = OUTSIDER_TENANT.users[0]?.userPrincipalName as string;
const ISSUER = 'https://api.botframework.com';

/**
 * The bot's messaging endpoint over real HTTP, fed by the Bot Connector stand-in as Teams feeds it: every request
 * is authenticated before anything is stored, and what the bot sends back reaches the stand-in with the bot's own
 * token (the stand-in refuses anything else).
 */
describe('POST /api/messages', () => {
  let app: BotApp;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (changes: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: LOCAL_BOT_APP_ID,
    serviceurl: app.connector.serviceUrl,
    nbf: now() - 10,
    exp: now() + 3600,
    ...changes,
  });
  const bearer = (token: string) => `Bearer ${token}`;
  const referencesStored = async () => {
    const lists = await Promise.all(
      ['3c-ict', 'cambs-pboro'].map((id) => app.runtime.stores.conversationReferences.listAll(id)),
    );
    return lists.flat().map((row) => row.record);
  };
  const botMessagesTo = (upn: string) =>
    app.connector.conversationOf(upn).activities.filter((entry) => entry.sender === 'bot');
  /** The Adaptive Card a recorded activity carries as its only attachment (Teams shows nothing else). */
  const cardOf = (activity: Record<string, unknown> | undefined) => {
    const attachments = activity?.attachments as { contentType: string; content: unknown }[] | undefined;
    expect(attachments).toHaveLength(1);
    expect(attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return attachments?.[0]?.content as Record<string, unknown>;
  };
  const cardText = (card: unknown) => JSON.stringify(card);

  beforeAll(async () => {
    app = await startBotApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('refuses with 401, and records nothing, a request', () => {
    const install = () => app.connector.activityFrom(FIONA, { type: 'installationUpdate', action: 'add' });
    const cases: Record<string, () => Promise<{ authorization: string | null; activity?: Record<string, unknown> }>> = {
      'without a token': async () => ({ authorization: null }),
      'with a malformed token': async () => ({ authorization: 'Bearer not-a-token' }),
      'with a token of another scheme': async () => ({
        authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
      }),
      'with an expired token': async () => ({
        authorization: bearer(await app.connector.signToken(claims({ nbf: now() - 7200, exp: now() - 600 }))),
      }),
      'with a token not valid yet': async () => ({
        authorization: bearer(await app.connector.signToken(claims({ nbf: now() + 900, exp: now() + 4500 }))),
      }),
      'with a token for another bot (audience)': async () => ({
        authorization: bearer(await app.connector.signToken(claims({ aud: '0f0f0f0f-1111-4222-8333-444455556666' }))),
      }),
      'with a token of another issuer': async () => ({
        authorization: bearer(await app.connector.signToken(claims({ iss: 'https://login.botframework.example' }))),
      }),
      'with a token signed by a key the Bot Framework does not publish': async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const token = await new SignJWT(claims())
          .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
          .sign(privateKey);
        return { authorization: bearer(token) };
      },
      'with a token signed by another key under a published key id': async () => {
        const published = (await app.connector.signToken(claims())).split('.')[0] as string;
        const { kid } = JSON.parse(Buffer.from(published, 'base64url').toString()) as { kid: string };
        const { privateKey } = await generateKeyPair('RS256');
        return {
          authorization: bearer(await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey)),
        };
      },
      'whose token names another service URL than the activity': async () => ({
        authorization: bearer(
          await app.connector.signToken(claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' })),
        ),
      }),
      'whose token has no service URL': async () => ({
        authorization: bearer(await app.connector.signToken(claims({ serviceurl: undefined }))),
      }),
      'whose activity and token name a service URL outside the Bot Connector': async () => ({
        authorization: bearer(
          await app.connector.signToken(claims({ serviceurl: 'https://bot-connector.example/teams/' })),
        ),
        activity: { ...install(), serviceUrl: 'https://bot-connector.example/teams/' },
      }),
      'with a user access token from a council tenant (Entra, not the Bot Connector)': async () => ({
        authorization: bearer(await app.tenants.issueUserAccessToken(FIONA)),
      }),
    };

    for (const [name, request] of Object.entries(cases)) {
      it(name, async () => {
        const { authorization, activity } = await request();
        const answer = await app.connector.post(activity ?? install(), authorization);
        expect(answer.status).toBe(401);
        expect(await referencesStored()).toEqual([]);
        expect(botMessagesTo(FIONA)).toEqual([]);
      });
    }

    it('answers 401 with a Bearer challenge and no detail', async () => {
      const response = await fetch(`${app.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(install()),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect((await response.json()).error.message).toBe('Sign-in is required.');
    });
  });

  it('refuses a user of a tenant outside every partnership (403), storing nothing and answering nothing', async () => {
    const answer = await app.connector.post(
      app.connector.activityFrom(EVE, { type: 'installationUpdate', action: 'add' }),
      bearer(await app.connector.tokenFor()),
    );
    expect(answer.status).toBe(403);
    expect((await app.connector.sendMessage(EVE, 'help')).status).toBe(403);
    expect(await referencesStored()).toEqual([]);
    expect(botMessagesTo(EVE)).toEqual([]);
  });

  it('refuses an activity whose two tenant ids disagree (403)', async () => {
    const activity = app.connector.activityFrom(FIONA, { type: 'installationUpdate', action: 'add' });
    activity.channelData = { tenant: { id: OUTSIDER_TENANT.tenantId } };
    const answer = await app.connector.post(activity, bearer(await app.connector.tokenFor()));
    expect(answer.status).toBe(403);
    expect(await referencesStored()).toEqual([]);
  });

  it('stores where to reach a user when they install the app, and welcomes them', async () => {
    const deliveries = await app.connector.install(FIONA);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    const fiona = app.connector.userOf(FIONA);
    expect(await referencesStored()).toEqual([
      expect.objectContaining({
        id: `${fiona.tenantId}:${fiona.objectId}`,
        partnershipId: '3c-ict',
        partnerCode: 'CCC',
        tenantId: fiona.tenantId,
        userObjectId: fiona.objectId,
        teamsUserId: fiona.teamsUserId,
        userName: 'Fiona Bryant',
        botId: `28:${LOCAL_BOT_APP_ID}`,
        conversationId: fiona.conversationId,
        serviceUrl: app.connector.serviceUrl,
        channelId: 'msteams',
      }),
    ]);
    const [welcome] = botMessagesTo(FIONA);
    expect(welcome?.activity.text).toMatch(/^Hello Fiona\./);
  });

  it('stores the reference when a user first writes to the bot, and answers help with the help card', async () => {
    const answer = await app.connector.sendMessage(ALEX, 'help');
    expect(answer.status).toBe(200);
    const alex = app.connector.userOf(ALEX);
    expect((await referencesStored()).map((r) => r.userObjectId)).toContain(alex.objectId);
    const activities = app.connector.conversationOf(ALEX).activities;
    expect(activities.map((a) => a.sender)).toEqual(['user', 'bot']);
    expect(activities[1]?.activity).toMatchObject({ type: 'message', replyToId: activities[0]?.id });
    const card = cardOf(activities[1]?.activity);
    expectValidAdaptiveCard(card);
    expect(cardText(card)).toContain('What this bot does');
  });

  it('answers anything it does not understand with the help, and a mention of itself is ignored', async () => {
    await app.connector.sendMessage(ALEX, 'what can you do?');
    await app.connector.sendMessage(ALEX, '<at>ICT Partnership Hub</at> Status');
    const replies = app.connector
      .conversationOf(ALEX)
      .activities.filter((a) => a.sender === 'bot')
      .slice(-2)
      .map((a) => cardOf(a.activity));
    for (const card of replies) expectValidAdaptiveCard(card);
    expect(cardText(replies[0])).toContain('What this bot does');
    expect(cardText(replies[1])).toContain('IT service status');
  });

  it("answers status with the service status card of the user's partnership", async () => {
    await app.connector.sendMessage('tom.evans@cambridgeshire.example', 'status');
    const [reply] = botMessagesTo('tom.evans@cambridgeshire.example');
    const card = cardOf(reply?.activity);
    expectValidAdaptiveCard(card);
    expect(cardText(card)).toContain('IT service status');
    expect(cardText(card)).toContain('Overall: Operational');
  });

  it('keeps one SDK adapter and bot for the whole process, however many requests', async () => {
    await app.connector.sendMessage(ALEX, 'help');
    const afterFirst = botAdaptersCreated();
    await app.connector.sendMessage(ALEX, 'help');
    await app.connector.sendMessage(FIONA, 'help');
    expect(afterFirst).toBe(1);
    expect(botAdaptersCreated()).toBe(1);
  });

  it('writes nothing again for the messages of a known conversation', async () => {
    const [before] = (await referencesStored()).filter((r) => r.userName === 'Fiona Bryant');
    await app.connector.sendMessage(FIONA, 'help');
    const [after] = (await referencesStored()).filter((r) => r.userName === 'Fiona Bryant');
    expect(after?.updatedAt).toBe(before?.updatedAt);
  });
});
