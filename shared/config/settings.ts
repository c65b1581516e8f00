import { Cron } from 'croner';
import { z } from 'zod';
import {
  type BotSettings,
  botConsistencyProblems,
  botEnvironment,
  botProductionProblems,
  botSettingsFrom,
} from './bot-settings';
import { isLoopbackUrl } from './loopback';

/** Mondays at 06:00 UTC, before licence administrators start the week. */
export const DEFAULT_RECONCILE_SCHEDULE = '0 0 6 * * 1';

/** Every day at 07:00 UTC, before approvers start work. */
export const DEFAULT_TOLERATION_REVIEW_SCHEDULE = '0 0 7 * * *';

const port = z.coerce.number().int().min(0).max(65535);

/** Where Cosmos DB is and how to reach it: the app's settings, and those of the commands that write to it. */
export const cosmosEnvironment = {
  COSMOS_ENDPOINT: z.url({ message: 'COSMOS_ENDPOINT must be the https URL of a Cosmos DB account' }),
  /** The account key: the local stand-in only. Without it the app signs in to Cosmos DB with Microsoft Entra ID. */
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,255}$/)
    .default('partnership-hub'),
  /** PEM file of a certificate authority to trust for Cosmos DB: the local stand-in's only. */
  COSMOS_CA_CERT_FILE: z.string().min(1).optional(),
};

/** The environment variables the product reads; each documented in the README's configuration table. */
const environmentSchema = z.object({
  HUB_ENVIRONMENT: z.enum(['development', 'production'], {
    message: 'set HUB_ENVIRONMENT to development or production',
  }),
  ...cosmosEnvironment,
  /**
   * The product's storage (licence files, heartbeats, the licence run queue), named as the Functions host names a
   * connection: a connection string in `HUB_STORAGE` (Azurite locally), or identity-based, the service URIs in
   * `HUB_STORAGE__blobServiceUri` and `HUB_STORAGE__queueServiceUri`, reached with the managed identity.
   */
  HUB_STORAGE: z.string().min(1, 'HUB_STORAGE: a storage connection string, when given').optional(),
  HUB_STORAGE__blobServiceUri: z.url({ message: "the https URL of the storage account's Blob service" }).optional(),
  HUB_STORAGE__queueServiceUri: z.url({ message: "the https URL of the storage account's Queue service" }).optional(),
  /** Read by the Functions host for the queue trigger; the app only checks it names the managed identity. */
  HUB_STORAGE__credential: z.literal('managedidentity', { message: 'managedidentity, when given' }).optional(),
  HUB_STORAGE__clientId: z.uuid({ message: 'the client id of the user-assigned managed identity' }).optional(),
  /** The user-assigned managed identity the app signs in to Azure with (Cosmos DB, Storage): its client id. */
  AZURE_CLIENT_ID: z.uuid({ message: 'the client id of the user-assigned managed identity, a GUID' }).optional(),
  /** Where the councils' tenants issue tokens; national clouds and the local simulator use other hosts. */
  ENTRA_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
  /** Application (client) id of the product's multi-tenant app registration: the audience of its tokens. */
  API_CLIENT_ID: z.uuid({ message: 'API_CLIENT_ID must be the application (client) id, a GUID' }),
  /** Application ID URI of the API, e.g. api://hub.example.org/<client id>; tokens may name it as audience. */
  API_APP_ID_URI: z.string().startsWith('api://', 'API_APP_ID_URI starts with api://').optional(),
  /** The app's own web origins (where the tab is served), comma-separated; Teams' origins are always allowed. */
  ALLOWED_ORIGINS: z.string().default(''),
  LOCAL_HOST_PORT: port.default(7071),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** When the licence reconciler runs for every partnership: six-field NCRONTAB, weekly by default. */
  LICENCE_RECONCILE_SCHEDULE: z
    .string()
    .refine(isSixFieldCron, 'LICENCE_RECONCILE_SCHEDULE: a six-field NCRONTAB, such as 0 0 6 * * 1 (Mondays 06:00)')
    .default(DEFAULT_RECONCILE_SCHEDULE),
  /** When the daily risk toleration review runs (reminders before expiry, re-requests after it); read at registration. */
  TOLERATION_REVIEW_SCHEDULE: z
    .string()
    .refine(isSixFieldCron, 'TOLERATION_REVIEW_SCHEDULE: a six-field NCRONTAB, such as 0 0 7 * * * (daily 07:00)')
    .default(DEFAULT_TOLERATION_REVIEW_SCHEDULE),
  /** The Storage queue of licence runs; the worker function names it as %LICENCE_RUN_QUEUE%. */
  LICENCE_RUN_QUEUE: z
    .string()
    .regex(
      /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
      'LICENCE_RUN_QUEUE: a Storage queue name (3-63 lower-case letters, digits, single hyphens)',
    )
    .default('licence-runs'),
  /** How long an instance answers the status page's and KPI dashboard's reads from memory; 0 turns it off. */
  READ_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** The Teams bot: its app id, tenant, credential and where the Bot Framework keys are (see bot-settings.ts). */
  ...botEnvironment,
});

/** Every environment variable the app's settings read: what the infrastructure templates must set. */
export const APP_SETTING_NAMES: readonly string[] = Object.keys(environmentSchema.shape);

/**
 * Where the product's storage is and how the app signs in to it: a connection string (Azurite, or a development
 * account), or the service URIs reached with a Microsoft Entra identity.
 */
export type StorageSettings =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'identity'; blobServiceUri: string; queueServiceUri: string };

export type Settings = {
  environment: 'development' | 'production';
  /** Without a key, the app signs in to Cosmos DB with its Microsoft Entra identity (`azureIdentity`). */
  cosmos: { endpoint: string; key?: string; database: string; caCertFile?: string };
  storage: StorageSettings;
  /**
   * The identity the app signs in to Azure with where it holds no key: the user-assigned managed identity named by
   * its client id (required in production), or on a development machine whatever `DefaultAzureCredential` finds.
   */
  azureIdentity: { managedIdentityClientId?: string };
  identity: { authorityHost: string; apiClientId: string; apiAppIdUri: string };
  allowedOrigins: string[];
  localHostPort: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  licences: { reconcileSchedule: string; runQueue: string };
  readCacheSeconds: number;
  /** The Teams bot; undefined while BOT_APP_ID is not set, and /api/messages then refuses every request. */
  bot: BotSettings | undefined;
};

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads and validates every setting at start-up. All problems are reported together, so an operator fixes
 * them in one pass; production refuses the settings that only make sense on a development machine.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = environmentSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  problems.push(...consistencyProblems(env), ...botConsistencyProblems(env));
  if (env.HUB_ENVIRONMENT === 'production') problems.push(...productionProblems(env), ...botProductionProblems(env));
  if (!parsed.success || problems.length > 0) throw new ConfigurationError(problems);
  const values = parsed.data;
  const allowedOrigins = listOf(values.ALLOWED_ORIGINS);

  return {
    environment: values.HUB_ENVIRONMENT,
    cosmos: {
      endpoint: values.COSMOS_ENDPOINT,
      key: values.COSMOS_KEY,
      database: values.COSMOS_DATABASE,
      caCertFile: values.COSMOS_CA_CERT_FILE,
    },
    storage: storageSettingsFrom(values),
    azureIdentity: { managedIdentityClientId: values.HUB_STORAGE__clientId ?? values.AZURE_CLIENT_ID },
    identity: {
      authorityHost: values.ENTRA_AUTHORITY_HOST.replace(/\/+$/, ''),
      apiClientId: values.API_CLIENT_ID,
      apiAppIdUri: values.API_APP_ID_URI ?? `api://${values.API_CLIENT_ID}`,
    },
    allowedOrigins,
    localHostPort: values.LOCAL_HOST_PORT,
    logLevel: values.LOG_LEVEL,
    licences: { reconcileSchedule: values.LICENCE_RECONCILE_SCHEDULE, runQueue: values.LICENCE_RUN_QUEUE },
    readCacheSeconds: values.READ_CACHE_SECONDS,
    bot: botSettingsFrom(values),
  };
}

/** Checks between settings, on the raw values, so they are reported beside any schema problem. */
function consistencyProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (env.COSMOS_ENDPOINT && URL.canParse(env.COSMOS_ENDPOINT) && !env.COSMOS_ENDPOINT.startsWith('https://')) {
    problems.push('COSMOS_ENDPOINT: Cosmos DB is reached over https only');
  }
  if (env.ENTRA_AUTHORITY_HOST && !env.ENTRA_AUTHORITY_HOST.startsWith('https://')) {
    problems.push('ENTRA_AUTHORITY_HOST: tokens are only trusted from an https authority');
  }
  for (const origin of listOf(env.ALLOWED_ORIGINS ?? '')) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      problems.push(`ALLOWED_ORIGINS: ${origin} is not an origin (scheme://host[:port])`);
    }
  }
  const identityStorage = Boolean(env.HUB_STORAGE__blobServiceUri || env.HUB_STORAGE__queueServiceUri);
  if (env.HUB_STORAGE && identityStorage) {
    problems.push('HUB_STORAGE: give a connection string or the HUB_STORAGE__ service URIs, not both');
  } else if (!env.HUB_STORAGE && !(env.HUB_STORAGE__blobServiceUri && env.HUB_STORAGE__queueServiceUri)) {
    problems.push(
      'HUB_STORAGE: required: a storage connection string, or HUB_STORAGE__blobServiceUri and ' +
        'HUB_STORAGE__queueServiceUri to reach the account with the managed identity',
    );
  }
  for (const name of ['HUB_STORAGE__blobServiceUri', 'HUB_STORAGE__queueServiceUri'] as const) {
    const uri = env[name];
    if (uri && URL.canParse(uri) && !uri.startsWith('https://') && !isLoopbackUrl(uri)) {
      problems.push(`${name}: Storage is reached over https only`);
    }
  }
  if (env.HUB_STORAGE__clientId && env.AZURE_CLIENT_ID && env.HUB_STORAGE__clientId !== env.AZURE_CLIENT_ID) {
    problems.push('HUB_STORAGE__clientId: must be the same identity as AZURE_CLIENT_ID (the app has one identity)');
  }
  return problems;
}

function storageSettingsFrom(values: {
  HUB_STORAGE?: string | undefined;
  HUB_STORAGE__blobServiceUri?: string | undefined;
  HUB_STORAGE__queueServiceUri?: string | undefined;
}): StorageSettings {
  if (values.HUB_STORAGE) return { kind: 'connection-string', connectionString: values.HUB_STORAGE };
  return {
    kind: 'identity',
    blobServiceUri: values.HUB_STORAGE__blobServiceUri ?? '',
    queueServiceUri: values.HUB_STORAGE__queueServiceUri ?? '',
  };
}

/** What production refuses: every setting that points at a development machine's stand-ins. */
function productionProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (isLoopbackUrl(env.COSMOS_ENDPOINT))
    problems.push('COSMOS_ENDPOINT: production refuses a local Cosmos DB stand-in');
  if (env.COSMOS_CA_CERT_FILE) {
    problems.push('COSMOS_CA_CERT_FILE: production trusts only the public certificate authorities');
  }
  if (env.COSMOS_KEY) {
    problems.push('COSMOS_KEY: production signs in to Cosmos DB with the managed identity and holds no account key');
  }
  if (env.HUB_STORAGE && isDevelopmentStorage(env.HUB_STORAGE)) {
    problems.push('HUB_STORAGE: production refuses Azurite and the development storage account');
  } else if (env.HUB_STORAGE) {
    problems.push(
      'HUB_STORAGE: production reaches Storage with the managed identity (shared keys are disabled): set ' +
        'HUB_STORAGE__blobServiceUri and HUB_STORAGE__queueServiceUri instead of a connection string',
    );
  }
  for (const name of ['HUB_STORAGE__blobServiceUri', 'HUB_STORAGE__queueServiceUri'] as const) {
    if (isLoopbackUrl(env[name])) problems.push(`${name}: production refuses Azurite`);
  }
  if (!env.AZURE_CLIENT_ID) {
    problems.push("AZURE_CLIENT_ID: required in production: the client id of the app's user-assigned managed identity");
  }
  if (isLoopbackUrl(env.ENTRA_AUTHORITY_HOST)) {
    problems.push('ENTRA_AUTHORITY_HOST: production refuses the simulated tenants');
  }
  if (!env.LICENCE_RUN_QUEUE) {
    problems.push('LICENCE_RUN_QUEUE: required in production, since the worker function names its queue by it');
  }
  return problems;
}

function isSixFieldCron(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 6) return false;
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}

function listOf(commaSeparated: string): string[] {
  return commaSeparated
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function isDevelopmentStorage(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|AccountName=devstoreaccount1|\/\/(127\.|localhost[:/])/i.test(connectionString);
}
