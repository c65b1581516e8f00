import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalCertificates } from '../../../local/stack/local-certificates';
import { LOCAL_STATE_FOLDER } from '../../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../../local/stack/trust-local-ca';
import {
  type RunningBotConnector,
  startBotConnector,
} from '../../../local/tenants/bot-connector/bot-connector-simulator';
import {
  BOT_FRAMEWORK_ISSUER,
  BotFrameworkTokenVerifier,
  bindsActivity,
} from '../../../shared/identity/bot-framework-token-verifier';

const APP_ID = '5b07c0de-7e11-4a5b-9c3d-2e4f6a8b0c1d';

/** The Bot Framework token checks, against keys the Bot Connector stand-in publishes over HTTPS. */
describe('BotFrameworkTokenVerifier', () => {
  let connector: RunningBotConnector;
  const seconds = () => Math.floor(Date.now() / 1000);
  const verifierAt = (clock: () => number) =>
    new BotFrameworkTokenVerifier({ appId: APP_ID, openIdMetadataUrl: connector.openIdMetadataUrl, now: clock });
  const token = (changes: Record<string, unknown> = {}) =>
    connector.signToken({
      iss: BOT_FRAMEWORK_ISSUER,
      aud: APP_ID,
      serviceurl: connector.serviceUrl,
      nbf: seconds() - 5,
      exp: seconds() + 3600,
      ...changes,
    });

  beforeAll(async () => {
    const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
    trustLocalCertificateAuthority(certificates.ca);
    connector = await startBotConnector({
      certificates,
      authorityHost: 'https://localhost:1',
      botAppId: APP_ID,
      botTenantId: 'b07b07b0-0000-4000-8000-000000000001',
      tenants: [],
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it("verifies the Bot Connector's token, with the service URL it vouches for and its key's endorsements", async () => {
    const verified = await verifierAt(Date.now).verify(`Bearer ${await token()}`);
    expect(verified).toEqual({ serviceUrl: connector.serviceUrl, endorsements: ['msteams'] });
  });

  it('allows the five minutes of clock skew the Bot Framework documents, and no more', async () => {
    const verifier = verifierAt(Date.now);
    await expect(verifier.verify(`Bearer ${await token({ exp: seconds() - 200 })}`)).resolves.toBeTruthy();
    await expect(verifier.verify(`Bearer ${await token({ exp: seconds() - 400 })}`)).rejects.toThrow(
      'The access token is not valid.',
    );
    await expect(verifier.verify(`Bearer ${await token({ nbf: seconds() + 400 })}`)).rejects.toThrow();
  });

  it('refuses a token without expiry or not-before, and one signed with another algorithm', async () => {
    const verifier = verifierAt(Date.now);
    await expect(verifier.verify(`Bearer ${await token({ exp: undefined })}`)).rejects.toThrow();
    await expect(verifier.verify(`Bearer ${await token({ nbf: undefined })}`)).rejects.toThrow();
    const [, payload] = (await token()).split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await expect(verifier.verify(`Bearer ${unsigned}x`)).rejects.toThrow();
  });

  it('fetches the keys again for an unknown key id, but not within the cooldown after a fetch', async () => {
    let clock = Date.now();
    const verifier = verifierAt(() => clock);
    await verifier.verify(`Bearer ${await token()}`);
    await connector.rotateKeys();
    const signedWithNewKey = `Bearer ${await token()}`;
    clock += 1_000;
    await expect(verifier.verify(signedWithNewKey)).rejects.toThrow();
    clock += 30_000;
    await expect(verifier.verify(signedWithNewKey)).resolves.toBeTruthy();
  });

  it('refuses everything, without failing otherwise, when the keys cannot be read', async () => {
    const verifier = new BotFrameworkTokenVerifier({
      appId: APP_ID,
      openIdMetadataUrl: 'https://localhost:1/v1/.well-known/openidconfiguration',
    });
    await expect(verifier.verify(`Bearer ${await token()}`)).rejects.toThrow('The access token is not valid.');
    await expect(verifier.verify(undefined)).rejects.toThrow('Sign-in is required.');
  });
});

describe('bindsActivity', () => {
  const token = { serviceUrl: 'https://smba.trafficmanager.net/emea/', endorsements: ['msteams'] };

  it('binds an activity at the service URL the token names, with or without its trailing slash', () => {
    expect(bindsActivity(token, { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' })).toBe(
      true,
    );
    expect(bindsActivity(token, { serviceUrl: 'https://SMBA.trafficmanager.net/emea', channelId: 'msteams' })).toBe(
      true,
    );
  });

  it('refuses another service URL, path or scheme', () => {
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net.example/emea/',
      'http://smba.trafficmanager.net/emea/',
      'not a url',
    ]) {
      expect(bindsActivity(token, { serviceUrl, channelId: 'msteams' })).toBe(false);
    }
  });

  it("refuses a channel the token's key is not endorsed for, unless the key names none", () => {
    const serviceUrl = token.serviceUrl;
    expect(bindsActivity(token, { serviceUrl, channelId: 'webchat' })).toBe(false);
    expect(bindsActivity({ serviceUrl, endorsements: undefined }, { serviceUrl, channelId: 'webchat' })).toBe(true);
  });
});
