// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Bicep text, whose interpolation is ${...}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SETTING_NAMES, loadSettings } from '../../shared/config/settings';
import { credentialSettingPrefix } from '../../shared/licences/connection-policy';
import { BicepFailure, evaluateVariable } from './bicep-expression';
import { objectEntries, REPO_ROOT, readBicep, resourceText, stringLiteral, variableText } from './bicep-reader';

/** The Function App's settings are written in one object, `appSettings` in infra/app/api.bicep. */
const api = readBicep('infra/app/api.bicep');
const appSettings = objectEntries(variableText(api, 'appSettings'));
const templateNames = appSettings.map((entry) => entry.key);

/**
 * Settings the template sets that the app's settings schema does not read: only the Functions host reads them.
 * Each must be set by the template and must not be one the code reads (else it belongs in APP_SETTING_NAMES).
 */
const READ_BY_THE_HOST_ONLY: Record<string, string> = {
  // The host's own storage (timers, queue trigger bookkeeping), as an identity-based connection.
  AzureWebJobsStorage__blobServiceUri: 'host storage: Blob service',
  AzureWebJobsStorage__queueServiceUri: 'host storage: Queue service',
  AzureWebJobsStorage__tableServiceUri: 'host storage: Table service',
  AzureWebJobsStorage__credential: 'host storage: sign in with a managed identity',
  AzureWebJobsStorage__clientId: 'host storage: which managed identity',
  // The host's Application Insights integration (the app itself loads no telemetry SDK).
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'where the host sends telemetry',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'the host sends it with the managed identity (local auth is off)',
  // No FUNCTIONS_* setting: on Flex Consumption the runtime is functionAppConfig.runtime, and
  // FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION are refused. The HUB_STORAGE__* identity parts are read
  // by the host (the queue trigger's connection) and also validated by the settings schema, so they are in
  // APP_SETTING_NAMES. The reconciler credentials (RECONCILER_*) are not in `appSettings`: they come from the
  // reconcilerCredentials parameter, checked below.
};

/** Settings the code reads that Azure deliberately does not set, each with the reason. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  COSMOS_KEY: 'the account has local (key) authentication disabled; the app signs in with its identity',
  COSMOS_CA_CERT_FILE: 'the local Cosmos DB stand-in only; production refuses it',
  HUB_STORAGE: 'the connection-string form; Azure uses the identity-based HUB_STORAGE__* settings',
  LOCAL_HOST_PORT: 'the local Functions host only',
  BOT_CREDENTIAL_SETTING: 'a bot secret or certificate only; the bot signs in with the managed identity',
  BOT_CERTIFICATE_THUMBPRINT: 'a bot certificate only; the bot signs in with the managed identity',
  BOT_OPENID_METADATA_URL: 'the default is the public cloud Bot Framework metadata',
  BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'development only; production refuses it',
};

describe('the Function App settings in infra/app/api.bicep', () => {
  it('set every setting the code reads, except those Azure deliberately leaves out', () => {
    const missing = APP_SETTING_NAMES.filter((name) => !templateNames.includes(name) && !(name in NOT_SET_IN_AZURE));
    expect(missing, 'read by shared/config/settings.ts but not set by the template').toEqual([]);
  });

  it('set nothing that neither the code nor the Functions host reads', () => {
    const unused = templateNames.filter(
      (name) => !APP_SETTING_NAMES.includes(name) && !(name in READ_BY_THE_HOST_ONLY),
    );
    expect(unused, 'set by the template but read by nobody').toEqual([]);
  });

  it('keep the allow-lists true: host-only settings are set and not read by the code', () => {
    for (const name of Object.keys(READ_BY_THE_HOST_ONLY)) {
      expect(templateNames, `${name} is on the host-only list`).toContain(name);
      expect(APP_SETTING_NAMES, `${name} is read by the code, so it is not host-only`).not.toContain(name);
    }
  });

  it('keep the allow-lists true: what Azure leaves out is read by the code and not set', () => {
    for (const name of Object.keys(NOT_SET_IN_AZURE)) {
      expect(APP_SETTING_NAMES, `${name} is no longer read by the code: drop it from NOT_SET_IN_AZURE`).toContain(name);
      expect(templateNames, `${name} is set by the template after all`).not.toContain(name);
    }
  });

  it('set each name once', () => {
    expect(templateNames.filter((name, index) => templateNames.indexOf(name) !== index)).toEqual([]);
  });

  it('load in production: the template values (and samples for computed ones) pass the settings schema', () => {
    // Values Azure computes at deployment, as they look once deployed. Every computed setting needs a sample, so
    // a new one cannot slip past this test; literal values are taken from the template as written.
    const clientId = '7a1c3a52-8a5e-4b51-9c3e-2f1d0b6c9e11';
    const samples: Record<string, string> = {
      AzureWebJobsStorage__blobServiceUri: 'https://stabc.blob.core.windows.net/',
      AzureWebJobsStorage__queueServiceUri: 'https://stabc.queue.core.windows.net/',
      AzureWebJobsStorage__tableServiceUri: 'https://stabc.table.core.windows.net/',
      AzureWebJobsStorage__clientId: clientId,
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${clientId};Authorization=AAD`,
      AZURE_CLIENT_ID: clientId,
      COSMOS_ENDPOINT: 'https://cosno-abc.documents.azure.com:443/',
      COSMOS_DATABASE: 'partnership-hub',
      HUB_STORAGE__blobServiceUri: 'https://stabc.blob.core.windows.net/',
      HUB_STORAGE__queueServiceUri: 'https://stabc.queue.core.windows.net/',
      HUB_STORAGE__clientId: clientId,
      ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      API_CLIENT_ID: '5f0c2f9e-8d7b-4a61-9e3c-1b2a3c4d5e6f',
      API_APP_ID_URI: 'api://nice-sand-0a1b2c3d4.5.azurestaticapps.net/5f0c2f9e-8d7b-4a61-9e3c-1b2a3c4d5e6f',
      ALLOWED_ORIGINS: 'https://nice-sand-0a1b2c3d4.5.azurestaticapps.net',
      LICENCE_RECONCILE_SCHEDULE: '0 0 6 * * 1',
      TOLERATION_REVIEW_SCHEDULE: '0 0 7 * * *',
      LICENCE_RUN_QUEUE: 'licence-runs',
      READ_CACHE_SECONDS: '5',
      LOG_LEVEL: 'info',
      BOT_APP_ID: clientId,
      BOT_TENANT_ID: '9d3e6c1a-0b2f-4c5d-8e7f-6a5b4c3d2e1f',
    };
    const env: Record<string, string> = {};
    const withoutSample: string[] = [];
    for (const { key, value } of appSettings) {
      const literal = stringLiteral(value);
      const sample = samples[key];
      if (literal !== undefined) env[key] = literal;
      else if (sample !== undefined) env[key] = sample;
      else withoutSample.push(key);
    }
    expect(withoutSample, 'computed settings with no sample value in this test').toEqual([]);
    expect(env.HUB_ENVIRONMENT).toBe('production');
    expect(() => loadSettings(env)).not.toThrow();
    const settings = loadSettings(env);
    expect(settings.storage.kind).toBe('identity');
    expect(settings.bot?.credential).toEqual({ kind: 'managed-identity' });
    expect(settings.azureIdentity.managedIdentityClientId).toBe(clientId);
  });

  it('name the one managed identity for every identity-based connection, the bot and telemetry', () => {
    const value = (name: string) => appSettings.find((entry) => entry.key === name)?.value;
    for (const name of ['AZURE_CLIENT_ID', 'AzureWebJobsStorage__clientId', 'HUB_STORAGE__clientId', 'BOT_APP_ID']) {
      expect(value(name), name).toBe('identity.properties.clientId');
    }
    expect(value('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toBe(
      "'ClientId=${identity.properties.clientId};Authorization=AAD'",
    );
    expect(stringLiteral(value('AzureWebJobsStorage__credential') ?? '')).toBe('managedidentity');
    expect(stringLiteral(value('HUB_STORAGE__credential') ?? '')).toBe('managedidentity');
    expect(stringLiteral(value('BOT_CREDENTIAL_KIND') ?? '')).toBe('managed-identity');
  });

  it('hold no secret: no literal value looks like a key, a secret or a credential GUID', () => {
    for (const { key, value } of appSettings) {
      expect(value, key).not.toMatch(/listKeys|AccountKey|SharedAccessSignature|primaryMasterKey|secret/i);
      expect(value, key).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    }
  });
});

describe('the reconciler credentials', () => {
  const KEY_VAULT = 'kv-abc123';
  /** The app settings the template makes of these credentials, as ARM would evaluate `reconcilerSettings`. */
  const settingsFor = (...settings: string[]) =>
    evaluateVariable(api, 'reconcilerSettings', {
      keyVaultName: KEY_VAULT,
      reconcilerCredentials: settings.map((setting, i) => ({ setting, secretName: `reconciler-${i}` })),
    });

  it('become one Key Vault reference per parameter entry, resolved with the user-assigned identity', () => {
    const reconcilerReferences = variableText(api, 'reconcilerReferences');
    expect(reconcilerReferences).toMatch(/^toObject\(\s*reconcilerCredentials\s*,/);
    expect(reconcilerReferences).toContain('credential => credential.setting');
    expect(reconcilerReferences).toContain(
      "'@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${credential.secretName})'",
    );
    expect(settingsFor('RECONCILER_3C_ICT_SCDC', 'RECONCILER_3C_ICT_CCC')).toEqual({
      RECONCILER_3C_ICT_SCDC: `@Microsoft.KeyVault(VaultName=${KEY_VAULT};SecretName=reconciler-0)`,
      RECONCILER_3C_ICT_CCC: `@Microsoft.KeyVault(VaultName=${KEY_VAULT};SecretName=reconciler-1)`,
    });
    expect(settingsFor()).toEqual({});
    const site = resourceText(api, 'functionApp');
    expect(site.body).toMatch(/^\s*keyVaultReferenceIdentity:\s*identity\.id\s*$/m);
    expect(site.body).toMatch(/type:\s*'UserAssigned'/);
  });

  it('may only name RECONCILER_ settings of upper-case letters, digits and underscores: any other fails the deployment', () => {
    // Every name a tenant connection may name passes (the connection policy is stricter still).
    for (const setting of [
      'RECONCILER_3C_ICT_SCDC',
      'RECONCILER_3C_ICT_SCDC2',
      'RECONCILER_A',
      `${credentialSettingPrefix('a-b')}X`,
    ]) {
      expect(Object.keys(settingsFor(setting) as object), setting).toEqual([setting]);
    }
    // Settings the code or the host reads, and near misses of the rule.
    const refused = [
      'BOT_OPENID_METADATA_URL',
      'COSMOS_KEY',
      'HUB_STORAGE',
      'AzureWebJobsStorage__accountName',
      'WEBSITE_RUN_FROM_PACKAGE',
      'RECONCILER_',
      'RECONCILER',
      'reconciler_3c_ict_scdc',
      'Reconciler_3C_ICT_SCDC',
      'RECONCILER_3c_ict_scdc',
      'RECONCILER_3C-ICT_SCDC',
      'RECONCILER_3C_ICT_SCDC ',
      'RECONCILER_3C.ICT',
      'RECONCILER_3C_ICT_SCDC\nCOSMOS_KEY',
      'RECONCILER_É',
      'X_RECONCILER_3C_ICT_SCDC',
    ];
    for (const setting of refused) {
      expect(() => settingsFor('RECONCILER_3C_ICT_SCDC', setting), JSON.stringify(setting)).toThrow(BicepFailure);
    }
    // The failure names every refused setting, so they can all be fixed in one go.
    expect(() => settingsFor('COSMOS_KEY', 'RECONCILER_3C_ICT_SCDC', 'BOT_OPENID_METADATA_URL')).toThrow(
      /RECONCILER_CREDENTIALS .*refused: COSMOS_KEY, BOT_OPENID_METADATA_URL$/,
    );
  });

  it('are refused in the settings resource itself: its value is the checked reconcilerSettings', () => {
    const config = resourceText(api, 'settings');
    expect(config.body).toMatch(/properties:\s*union\(\s*reconcilerSettings\s*,/);
    expect(api.code.match(/reconcilerReferences/g), 'reconcilerReferences is used once, by the check').toHaveLength(2);
  });

  it('cannot replace a fixed setting: the fixed settings are applied last', () => {
    const config = resourceText(api, 'settings');
    expect(config.type).toBe('Microsoft.Web/sites/config');
    expect(config.body).toMatch(/name:\s*'appsettings'/);
    expect(config.body).toMatch(/properties:\s*union\(\s*reconcilerSettings\s*,\s*appSettings\s*\)/);
  });

  it('are named as the tenant connections name them, in the deployment guide', () => {
    // docs/deploy.md sets RECONCILER_CREDENTIALS for the 3C ICT councils: each setting must pass the connection
    // policy's naming rule (else no tenant connection could name it), and each secret must be a Key Vault name.
    const guide = readFileSync(join(REPO_ROOT, 'docs', 'deploy.md'), 'utf8');
    const json = /azd env set RECONCILER_CREDENTIALS '([^']*)'/.exec(guide)?.[1];
    expect(json, 'an azd env set RECONCILER_CREDENTIALS example in docs/deploy.md').toBeDefined();
    const credentials = JSON.parse(json ?? '[]') as Array<{ setting: string; secretName: string }>;
    expect(credentials.map((c) => Object.keys(c).sort())).toEqual(credentials.map(() => ['secretName', 'setting']));
    expect(credentials.length).toBe(3);
    const prefix = credentialSettingPrefix('3c-ict');
    for (const { setting, secretName } of credentials) {
      expect(setting.startsWith(prefix), setting).toBe(true);
      expect(setting.slice(prefix.length), setting).toMatch(/^[A-Z0-9]+$/);
      expect(secretName, secretName).toMatch(/^[0-9A-Za-z-]{1,127}$/);
    }
  });
});
