import { describe, expect, it } from 'vitest';
import {
  APP_SETTING_NAMES,
  ConfigurationError,
  DEFAULT_RECONCILE_SCHEDULE,
  loadSettings,
} from '../../../shared/config/settings';
import { development, IDENTITY_CLIENT_ID, problemsOf, production } from './settings-fixtures';

const settingsNamed = (problems: string[]) => problems.map((p) => p.slice(0, p.indexOf(':'))).sort();

describe('loadSettings: accepted environments', () => {
  it('reads a development environment on the stand-ins, filling in the defaults', () => {
    const settings = loadSettings(development);
    expect(settings).toEqual({
      environment: 'development',
      cosmos: {
        endpoint: 'https://127.0.0.1:8081/',
        key: 'a2V5',
        database: 'partnership-hub',
        caCertFile: '.local/ca/ca.pem',
      },
      storage: { kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' },
      azureIdentity: { managedIdentityClientId: undefined },
      identity: {
        authorityHost: 'https://login.microsoftonline.com',
        apiClientId: development.API_CLIENT_ID,
        apiAppIdUri: `api://${development.API_CLIENT_ID}`,
      },
      allowedOrigins: [],
      localHostPort: 7071,
      logLevel: 'info',
      licences: { reconcileSchedule: '0 0 6 * * 1', runQueue: 'licence-runs' },
      readCacheSeconds: 5,
    });
  });

  it('takes the values given over the defaults, as their proper types', () => {
    const settings = loadSettings({
      ...development,
      COSMOS_DATABASE: 'bench-1',
      LOCAL_HOST_PORT: '0',
      LOG_LEVEL: 'debug',
      ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:44300//',
      ALLOWED_ORIGINS: ' https://hub.example.org , http://localhost:5173 ',
    });
    expect(settings.cosmos.database).toBe('bench-1');
    expect(settings.localHostPort).toBe(0);
    expect(settings.logLevel).toBe('debug');
    expect(settings.identity.authorityHost).toBe('https://127.0.0.1:44300');
    expect(settings.allowedOrigins).toEqual(['https://hub.example.org', 'http://localhost:5173']);
  });

  it('reads a proper production environment pointing at Azure, signed in with the managed identity', () => {
    const settings = loadSettings({
      ...production,
      API_APP_ID_URI: 'api://hub.example.org/11111111-2222-4333-8444-555555555555',
      ALLOWED_ORIGINS: 'https://hub.example.org',
    });
    expect(settings.environment).toBe('production');
    expect(settings.cosmos).toEqual({
      endpoint: 'https://hub.documents.azure.com:443/',
      key: undefined,
      database: 'partnership-hub',
      caCertFile: undefined,
    });
    expect(settings.storage).toEqual({
      kind: 'identity',
      blobServiceUri: 'https://hubprod.blob.core.windows.net',
      queueServiceUri: 'https://hubprod.queue.core.windows.net',
    });
    expect(settings.azureIdentity).toEqual({ managedIdentityClientId: IDENTITY_CLIENT_ID });
    expect(settings.identity.apiAppIdUri).toBe('api://hub.example.org/11111111-2222-4333-8444-555555555555');
    expect(settings.allowedOrigins).toEqual(['https://hub.example.org']);
  });
});

describe('loadSettings: refused environments', () => {
  it('throws a ConfigurationError listing every problem of one call, not only the first', () => {
    const env = {
      HUB_ENVIRONMENT: 'staging',
      COSMOS_ENDPOINT: 'http://cosmos.example',
      COSMOS_DATABASE: 'has spaces',
      HUB_STORAGE: '',
      API_CLIENT_ID: 'not-a-guid',
      API_APP_ID_URI: 'https://hub.example.org',
      LOCAL_HOST_PORT: '70000',
      LOG_LEVEL: 'verbose',
      ALLOWED_ORIGINS: 'https://hub.example.org/path',
    };
    let caught: unknown;
    try {
      loadSettings(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    const { problems, message } = caught as ConfigurationError;
    expect(new Set(settingsNamed(problems))).toEqual(
      new Set([
        'HUB_ENVIRONMENT',
        'COSMOS_ENDPOINT',
        'COSMOS_DATABASE',
        'HUB_STORAGE',
        'API_CLIENT_ID',
        'API_APP_ID_URI',
        'LOCAL_HOST_PORT',
        'LOG_LEVEL',
        'ALLOWED_ORIGINS',
      ]),
    );
    for (const problem of problems) expect(message).toContain(problem);
  });

  it('reports the required settings that are missing', () => {
    expect(settingsNamed(problemsOf({}))).toEqual(
      expect.arrayContaining(['API_CLIENT_ID', 'COSMOS_ENDPOINT', 'HUB_ENVIRONMENT', 'HUB_STORAGE']),
    );
  });

  it('lets a development machine without a Cosmos DB key sign in with its own Entra identity', () => {
    const { COSMOS_KEY: _key, ...withoutKey } = development;
    expect(loadSettings(withoutKey).cosmos.key).toBeUndefined();
  });

  it('wants the storage as a connection string or as both service URIs, never both nor half', () => {
    const { HUB_STORAGE: _connection, ...noStorage } = development;
    const blob = { HUB_STORAGE__blobServiceUri: 'https://hubdev.blob.core.windows.net' };
    const queue = { HUB_STORAGE__queueServiceUri: 'https://hubdev.queue.core.windows.net' };
    expect(problemsOf(noStorage)).toEqual([expect.stringMatching(/^HUB_STORAGE: required/)]);
    expect(problemsOf({ ...noStorage, ...blob })).toEqual([expect.stringMatching(/^HUB_STORAGE: required/)]);
    expect(problemsOf({ ...development, ...blob, ...queue })).toEqual([
      'HUB_STORAGE: give a connection string or the HUB_STORAGE__ service URIs, not both',
    ]);
    expect(loadSettings({ ...noStorage, ...blob, ...queue }).storage.kind).toBe('identity');
    expect(problemsOf({ ...noStorage, ...queue, HUB_STORAGE__blobServiceUri: 'http://hubdev.blob.example' })).toEqual([
      'HUB_STORAGE__blobServiceUri: Storage is reached over https only',
    ]);
  });

  it('refuses a storage identity that is not the app identity', () => {
    expect(problemsOf({ ...production, HUB_STORAGE__clientId: '00000000-1111-4222-8333-444444444444' })).toEqual([
      expect.stringMatching(/^HUB_STORAGE__clientId: must be the same identity as AZURE_CLIENT_ID/),
    ]);
  });

  it('refuses a Cosmos DB endpoint that is not https, in development too', () => {
    for (const env of [development, production]) {
      const problems = problemsOf({ ...env, COSMOS_ENDPOINT: 'http://hub.documents.azure.com:443/' });
      expect(problems).toEqual(['COSMOS_ENDPOINT: Cosmos DB is reached over https only']);
    }
  });

  it('refuses an authority that is not https, in development too', () => {
    expect(problemsOf({ ...development, ENTRA_AUTHORITY_HOST: 'http://login.example' })).toEqual([
      'ENTRA_AUTHORITY_HOST: tokens are only trusted from an https authority',
    ]);
  });
});

describe('loadSettings: production signs in with its managed identity and holds no key', () => {
  it('refuses a Cosmos DB account key', () => {
    expect(problemsOf({ ...production, COSMOS_KEY: 'a2V5' })).toEqual([
      'COSMOS_KEY: production signs in to Cosmos DB with the managed identity and holds no account key',
    ]);
  });

  it('refuses a storage connection string, with or without a key, naming the identity-based settings instead', () => {
    const { HUB_STORAGE__blobServiceUri: _blob, HUB_STORAGE__queueServiceUri: _queue, ...withoutUris } = production;
    for (const connectionString of [
      'DefaultEndpointsProtocol=https;AccountName=hubprod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      'BlobEndpoint=https://hubprod.blob.core.windows.net;SharedAccessSignature=sv=2024&sig=a2V5',
    ]) {
      expect(problemsOf({ ...withoutUris, HUB_STORAGE: connectionString })).toEqual([
        expect.stringMatching(/^HUB_STORAGE: production reaches Storage with the managed identity .*__blobServiceUri/),
      ]);
    }
  });

  it('needs the client id of the user-assigned identity', () => {
    const { AZURE_CLIENT_ID: _id, HUB_STORAGE__clientId: _storageId, ...withoutIdentity } = production;
    expect(problemsOf(withoutIdentity)).toEqual([expect.stringMatching(/^AZURE_CLIENT_ID: required in production/)]);
  });

  it('refuses Azurite reached through the service URIs', () => {
    const problems = problemsOf({
      ...production,
      HUB_STORAGE__blobServiceUri: 'http://127.0.0.1:10000/devstoreaccount1',
      HUB_STORAGE__queueServiceUri: 'http://127.0.0.1:10001/devstoreaccount1',
    });
    expect(problems).toEqual([
      'HUB_STORAGE__blobServiceUri: production refuses Azurite',
      'HUB_STORAGE__queueServiceUri: production refuses Azurite',
    ]);
  });

  it('names every environment variable it reads, for the infrastructure templates to set', () => {
    expect(APP_SETTING_NAMES).toEqual(
      expect.arrayContaining(['HUB_ENVIRONMENT', 'COSMOS_ENDPOINT', 'AZURE_CLIENT_ID', 'HUB_STORAGE', 'BOT_APP_ID']),
    );
    expect(APP_SETTING_NAMES).toContain('HUB_STORAGE__queueServiceUri');
  });
});

describe('loadSettings: production refuses what only suits a development machine', () => {
  it('refuses a loopback Cosmos DB, a custom CA, Azurite storage and the simulated tenants, all reported together', () => {
    const { HUB_STORAGE__blobServiceUri: _b, HUB_STORAGE__queueServiceUri: _q, ...withoutUris } = production;
    const problems = problemsOf({
      ...withoutUris,
      COSMOS_ENDPOINT: 'https://localhost:8081/',
      COSMOS_CA_CERT_FILE: '.local/ca/ca.pem',
      HUB_STORAGE: 'UseDevelopmentStorage=true',
      ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:44300',
    });
    expect(settingsNamed(problems)).toEqual([
      'COSMOS_CA_CERT_FILE',
      'COSMOS_ENDPOINT',
      'ENTRA_AUTHORITY_HOST',
      'HUB_STORAGE',
    ]);
  });

  it('accepts those same development settings outside production', () => {
    expect(problemsOf({ ...development, ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:44300' })).toEqual([]);
  });

  it('recognises every loopback form of the Cosmos DB endpoint', () => {
    for (const endpoint of ['https://127.0.0.1:8081/', 'https://LOCALHOST:8081/', 'https://[::1]:8081/']) {
      expect(problemsOf({ ...production, COSMOS_ENDPOINT: endpoint }), endpoint).toEqual([
        'COSMOS_ENDPOINT: production refuses a local Cosmos DB stand-in',
      ]);
    }
  });

  it('recognises Azurite and the development storage account however the connection string names them', () => {
    for (const connectionString of [
      'UseDevelopmentStorage=true',
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://azurite.test:10000/devstoreaccount1;',
      'DefaultEndpointsProtocol=http;AccountName=hubprod;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/hubprod;',
    ]) {
      const { HUB_STORAGE__blobServiceUri: _b, HUB_STORAGE__queueServiceUri: _q, ...withoutUris } = production;
      expect(problemsOf({ ...withoutUris, HUB_STORAGE: connectionString }), connectionString).toEqual([
        'HUB_STORAGE: production refuses Azurite and the development storage account',
      ]);
    }
  });

  it('treats the whole 127.0.0.0/8 range as loopback, and does not mistake an account name for a host', () => {
    const base = {
      ...production,
      COSMOS_ENDPOINT: 'https://127.0.0.2:8081/',
      HUB_STORAGE__blobServiceUri: 'https://localhostreports.blob.core.windows.net',
      HUB_STORAGE__queueServiceUri: 'https://localhostreports.queue.core.windows.net',
    };
    let problems: string[] = [];
    try {
      loadSettings(base);
    } catch (error) {
      problems = (error as { problems: string[] }).problems;
    }
    expect(problems.map((p) => p.split(':')[0])).toEqual(['COSMOS_ENDPOINT']);
  });
});

describe('loadSettings: the licence reconciler', () => {
  it('runs the reconciler on Mondays at 06:00 and queues runs on licence-runs unless told otherwise', () => {
    expect(loadSettings(development).licences).toEqual({
      reconcileSchedule: '0 0 6 * * 1',
      runQueue: 'licence-runs',
    });
    expect(loadSettings(production).licences.reconcileSchedule).toBe(DEFAULT_RECONCILE_SCHEDULE);
  });

  it('needs the run queue named in production, where the worker function reads it from the app settings', () => {
    expect(problemsOf({ ...production, LICENCE_RUN_QUEUE: undefined })).toEqual([
      expect.stringMatching(/^LICENCE_RUN_QUEUE: required in production/),
    ]);
  });

  it('takes another six-field NCRONTAB schedule and another queue name', () => {
    const settings = loadSettings({
      ...development,
      LICENCE_RECONCILE_SCHEDULE: '0 30 2 * * *',
      LICENCE_RUN_QUEUE: 'licence-runs-2',
    });
    expect(settings.licences).toEqual({ reconcileSchedule: '0 30 2 * * *', runQueue: 'licence-runs-2' });
    for (const schedule of ['0 0 6 * * 1-5', '0 */15 * * * *', '0 0 6 1 * *']) {
      expect(problemsOf({ ...development, LICENCE_RECONCILE_SCHEDULE: schedule }), schedule).toEqual([]);
    }
  });

  it.each([
    ['a five-field cron', '0 6 * * 1'],
    ['a seven-field cron', '0 0 6 * * 1 2027'],
    ['garbage', 'every monday'],
    ['six fields that are not a schedule', '0 0 25 * * 1'],
    ['nothing', ''],
  ])('refuses %s as LICENCE_RECONCILE_SCHEDULE, naming the setting', (_, schedule) => {
    const problems = problemsOf({ ...development, LICENCE_RECONCILE_SCHEDULE: schedule });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LICENCE_RECONCILE_SCHEDULE: .*six-field NCRONTAB/);
  });

  it.each([
    ['upper case', 'Licence-Runs'],
    ['a double hyphen', 'licence--runs'],
    ['a leading hyphen', '-licence-runs'],
    ['a trailing hyphen', 'licence-runs-'],
    ['too short', 'lr'],
    ['too long', 'l'.repeat(64)],
    ['an underscore', 'licence_runs'],
  ])('refuses a queue name with %s as LICENCE_RUN_QUEUE, naming the setting', (_, queue) => {
    const problems = problemsOf({ ...development, LICENCE_RUN_QUEUE: queue });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LICENCE_RUN_QUEUE: .*Storage queue name/);
  });

  it('accepts queue names at the limits of what Storage allows', () => {
    for (const queue of ['abc', 'a'.repeat(63), '1-2-3']) {
      expect(problemsOf({ ...development, LICENCE_RUN_QUEUE: queue }), queue).toEqual([]);
    }
  });
});
