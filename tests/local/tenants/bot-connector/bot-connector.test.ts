import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../../local/seed/demo-datasets';
import { ensureLocalCertificates } from '../../../../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../../../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../../../local/stack/trust-local-ca';
import {
  type RunningBotConnector,
  startBotConnector,
} from '../../../../local/tenants/bot-connector/bot-connector-simulator';
import {
  botClient,
  LOCAL_BOT_APP_ID,
  LOCAL_BOT_TENANT,
} from '../../../../local/tenants/bot-connector/bot-registration';
import { buildDemoTenants } from '../../../../local/tenants/demo-users';
import { type RunningTenantSimulator, startTenantSimulator } from '../../../../local/tenants/tenant-simulator';
import { BotTokenProvider } from '../../../../shared/bot/agents-sdk/bot-token-provider';

const INTRUDER_APP_ID = '0badc0de-0000-4000-8000-000000000bad';
const FIONA = 'fiona.bryant@cambridge.example';

/**
 * The Bot Connector stand-in publishes Bot Framework-style keys, and lets the bot post to a user's chat only with
 * a token its own tenant issued to it for the Bot Connector: here through the real msal-node.
 */
describe('the Bot Connector stand-in', () => {
  let tenants: RunningTenantSimulator;
  let connector: RunningBotConnector;
  const secret = randomBytes(16).toString('base64url');
  const tokenOf = (appId: string) =>
    new BotTokenProvider({
      appId,
      tenantId: LOCAL_BOT_TENANT.tenantId,
      authorityHost: tenants.authorityHost,
      credential: { kind: 'secret', setting: 'SECRET' },
      env: { SECRET: secret },
    }).getAccessToken('https://api.botframework.com');
  const api = (method: string, path: string, token: string | null, body: unknown = { type: 'message', text: 'hi' }) =>
    fetch(`${connector.serviceUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
    trustLocalCertificateAuthority(certificates.ca);
    const councils = buildDemoTenants(loadDemoDatasets().map((d) => d.partnership));
    tenants = await startTenantSimulator({
      certificates,
      tenants: [...councils, LOCAL_BOT_TENANT],
      api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
      publicClientIds: [LOCAL_API_CLIENT_ID],
      confidentialClients: [botClient(secret), { ...botClient(secret), clientId: INTRUDER_APP_ID }],
    });
    connector = await startBotConnector({
      certificates,
      authorityHost: tenants.authorityHost,
      botAppId: LOCAL_BOT_APP_ID,
      botTenantId: LOCAL_BOT_TENANT.tenantId,
      tenants: councils,
    });
  });
  afterAll(async () => {
    await connector?.close();
    await tenants?.close();
  });

  it('publishes its signing keys as the Bot Framework does, each endorsed for Teams', async () => {
    const metadata = await (await fetch(connector.openIdMetadataUrl)).json();
    expect(metadata).toMatchObject({
      issuer: 'https://api.botframework.com',
      jwks_uri: expect.stringMatching(/^https:/),
    });
    const { keys } = await (await fetch(metadata.jwks_uri)).json();
    expect(keys).toEqual([expect.objectContaining({ kty: 'RSA', use: 'sig', endorsements: ['msteams'] })]);
  });

  it("refuses the Bot Connector API without the bot's own token", async () => {
    const chat = `v3/conversations/${connector.userOf(FIONA).conversationId}/activities`;
    const refused = [
      null,
      'not-a-token',
      await tenants.issueUserAccessToken(FIONA),
      await tokenOf(INTRUDER_APP_ID),
      await connector.tokenFor(),
    ];
    for (const token of refused) expect((await api('POST', chat, token)).status).toBe(401);
    expect(connector.conversationOf(FIONA).activities).toEqual([]);
  });

  it("takes the bot's messages with its token, opens a user's chat, and keeps what the bot updates", async () => {
    const token = await tokenOf(LOCAL_BOT_APP_ID);
    const fiona = connector.userOf(FIONA);
    const opened = await api('POST', 'v3/conversations', token, {
      bot: { id: `28:${LOCAL_BOT_APP_ID}` },
      members: [{ id: fiona.teamsUserId }],
      tenantId: fiona.tenantId,
      isGroup: false,
    });
    expect(await opened.json()).toEqual({ id: fiona.conversationId });
    const sent = await api('POST', `v3/conversations/${fiona.conversationId}/activities`, token);
    expect(sent.status).toBe(201);
    const { id } = await sent.json();
    const updated = await api('PUT', `v3/conversations/${fiona.conversationId}/activities/${id}`, token, {
      type: 'message',
      text: 'edited',
    });
    expect(updated.status).toBe(200);
    expect(connector.conversationOf(FIONA).activities).toEqual([
      expect.objectContaining({ id, sender: 'bot', activity: { type: 'message', text: 'edited', id } }),
    ]);
    const missing = await api('PUT', `v3/conversations/${fiona.conversationId}/activities/1:nope`, token);
    expect(missing.status).toBe(404);
  });
});
