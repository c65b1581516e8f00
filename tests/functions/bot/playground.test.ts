import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApp, startBotApp } from '../../support/bot-app';

const FIONA = 'fiona.bryant@cambridge.example';

type Received = { path: string; authorization: string | undefined; body: Record<string, unknown> };

/**
 * Microsoft 365 Agents Playground sends activities without a token and takes the bot's replies at its own
 * connector on this machine, without one either. Behind BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND (development only) the
 * bot lets such requests in, and only those that name a service URL on this machine.
 */
describe('the Agents Playground mode', () => {
  let app: BotApp;
  let playground: Server;
  let serviceUrl = '';
  const received: Received[] = [];

  beforeAll(async () => {
    playground = createServer((req, res) => {
      void readBody(req).then((body) => {
        received.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `reply-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => playground.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://localhost:${(playground.address() as AddressInfo).port}/_connector`;
    app = await startBotApp({ BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'true' });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => playground?.close(resolve));
  });

  it('answers a message without a token, replying to the Playground on this machine', async () => {
    const message = app.connector.activityFrom(FIONA, { type: 'message', text: 'help', serviceUrl });
    const answer = await app.connector.post(message, null);
    expect(answer.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toMatch(/^\/_connector\/v3\/conversations\/.+\/activities\//);
    expect(received[0]?.authorization).toBeUndefined();
    // The help card, as to Teams.
    const attachments = received[0]?.body.attachments as { contentType: string; content: unknown }[] | undefined;
    expect(attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachments?.[0]?.content)).toContain('What this bot does');
  });

  it('refuses an unauthenticated activity that names a service URL off this machine', async () => {
    const message = app.connector.activityFrom(FIONA, {
      type: 'message',
      text: 'help',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    });
    expect((await app.connector.post(message, null)).status).toBe(401);
  });

  it('still verifies a token when one is sent', async () => {
    const message = app.connector.activityFrom(FIONA, { type: 'message', text: 'help', serviceUrl });
    expect((await app.connector.post(message, 'Bearer a.b.c')).status).toBe(401);
    const user = await app.tenants.issueUserAccessToken(FIONA);
    expect((await app.connector.post(message, `Bearer ${user}`)).status).toBe(401);
  });

  it('still refuses a tenant outside every partnership', async () => {
    const message = app.connector.activityFrom(FIONA, { type: 'message', text: 'help', serviceUrl });
    const tenant = '0b5de000-0000-4000-8000-0000000000ff';
    message.conversation = { ...(message.conversation as object), tenantId: tenant };
    message.channelData = { tenant: { id: tenant } };
    expect((await app.connector.post(message, null)).status).toBe(403);
  });
});

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}
