import { describe, expect, it } from 'vitest';
import { BOT_FRAMEWORK_OPENID_METADATA_URL } from '../../../shared/config/bot-settings';
import { loadSettings } from '../../../shared/config/settings';
import { development, problemsOf, production } from './settings-fixtures';

const bot = {
  BOT_APP_ID: '5B07C0DE-7E11-4A5B-9C3D-2E4F6A8B0C1D',
  BOT_TENANT_ID: 'b07b07b0-0000-4000-8000-000000000001',
  BOT_CLIENT_SECRET: 's3cret',
};

describe('the bot settings', () => {
  it('leave the bot off while BOT_APP_ID is not set', () => {
    expect(loadSettings(development).bot).toBeUndefined();
  });

  it('read a bot with a client secret, the public Bot Framework keys and the playground off by default', () => {
    expect(loadSettings({ ...production, ...bot }).bot).toEqual({
      appId: '5b07c0de-7e11-4a5b-9c3d-2e4f6a8b0c1d',
      tenantId: 'b07b07b0-0000-4000-8000-000000000001',
      credential: { kind: 'secret', setting: 'BOT_CLIENT_SECRET' },
      openIdMetadataUrl: BOT_FRAMEWORK_OPENID_METADATA_URL,
      allowUnauthenticatedPlayground: false,
    });
  });

  it('read a certificate or a managed identity instead of a secret', () => {
    const certificate = loadSettings({
      ...production,
      ...bot,
      BOT_CREDENTIAL_KIND: 'certificate',
      BOT_CREDENTIAL_SETTING: 'BOT_CERTIFICATE_KEY',
      BOT_CERTIFICATE_KEY: '-----BEGIN PRIVATE KEY-----',
      BOT_CERTIFICATE_THUMBPRINT: 'A'.repeat(40),
    }).bot;
    expect(certificate?.credential).toEqual({
      kind: 'certificate',
      setting: 'BOT_CERTIFICATE_KEY',
      thumbprint: 'A'.repeat(40),
    });
    const managed = loadSettings({
      ...production,
      ...bot,
      BOT_CLIENT_SECRET: '',
      BOT_CREDENTIAL_KIND: 'managed-identity',
    });
    expect(managed.bot?.credential).toEqual({ kind: 'managed-identity' });
  });

  it('name every problem of an incomplete bot configuration', () => {
    expect(problemsOf({ ...development, BOT_APP_ID: bot.BOT_APP_ID })).toEqual([
      'BOT_TENANT_ID: required with BOT_APP_ID (the tenant of the bot app registration)',
      'BOT_CLIENT_SECRET: must hold the bot client secret (named by BOT_CREDENTIAL_SETTING)',
    ]);
    expect(problemsOf({ ...development, ...bot, BOT_CREDENTIAL_KIND: 'certificate' })).toContain(
      'BOT_CERTIFICATE_THUMBPRINT: required when BOT_CREDENTIAL_KIND is certificate',
    );
    expect(problemsOf({ ...development, ...bot, BOT_CREDENTIAL_SETTING: 'RECONCILER_3C_ICT_SECRET' })[0]).toMatch(
      /^BOT_CREDENTIAL_SETTING: names an app setting starting with BOT_/,
    );
    expect(problemsOf({ ...development, ...bot, BOT_APP_ID: 'my-bot' })[0]).toMatch(/^BOT_APP_ID: /);
    expect(problemsOf({ ...development, ...bot, BOT_OPENID_METADATA_URL: 'http://localhost:3000/keys' })).toEqual([
      'BOT_OPENID_METADATA_URL: the Bot Framework signing keys are only trusted over https',
    ]);
  });

  it('let development use the local Bot Connector stand-in and the Agents Playground', () => {
    const settings = loadSettings({
      ...development,
      ...bot,
      BOT_OPENID_METADATA_URL: 'https://localhost:44321/v1/.well-known/openidconfiguration',
      BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'true',
    });
    expect(settings.bot?.allowUnauthenticatedPlayground).toBe(true);
    expect(settings.bot?.openIdMetadataUrl).toBe('https://localhost:44321/v1/.well-known/openidconfiguration');
  });

  it('refuse, in production, unauthenticated requests and the local Bot Connector stand-in', () => {
    expect(problemsOf({ ...production, ...bot, BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'true' })).toEqual([
      'BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: production never lets a request in without a token',
    ]);
    expect(problemsOf({ ...production, BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'true' })).toEqual([
      'BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: production never lets a request in without a token',
    ]);
    expect(
      problemsOf({
        ...production,
        ...bot,
        BOT_OPENID_METADATA_URL: 'https://127.0.0.1:44321/v1/.well-known/openidconfiguration',
      }),
    ).toEqual(['BOT_OPENID_METADATA_URL: production refuses the local Bot Connector stand-in']);
  });

  it('accept only true or false for the playground switch', () => {
    expect(problemsOf({ ...development, ...bot, BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'yes' })[0]).toMatch(
      /^BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: /,
    );
  });
});
