import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'use true or false' })
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce.number().int().min(0).max(65535);

/** The environment variables the product reads; each documented in the README's configuration table. */
const environmentSchema = z.object({
  HUB_ENVIRONMENT: z.enum(['development', 'production'], {
    message: 'set HUB_ENVIRONMENT to development or production',
  }),
  COSMOS_ENDPOINT: z.url({ message: 'COSMOS_ENDPOINT must be the https URL of a Cosmos DB account' }),
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,255}$/)
    .default('partnership-hub'),
  /** PEM file of a certificate authority to trust for Cosmos DB: the local stand-in's only. */
  COSMOS_CA_CERT_FILE: z.string().min(1).optional(),
  STORAGE_CONNECTION_STRING: z.string().min(1, 'STORAGE_CONNECTION_STRING is required'),
  /** Lets the local demo act as any partnership through X-Dev-* headers, until sign-in exists. */
  DEV_CALLER_ENABLED: booleanFlag.default(false),
  DEV_DEFAULT_PARTNERSHIP: z.string().default('3c-ict'),
  LOCAL_HOST_PORT: port.default(7071),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Settings = {
  environment: 'development' | 'production';
  cosmos: { endpoint: string; key?: string; database: string; caCertFile?: string };
  storage: { connectionString: string };
  devCaller: { enabled: boolean; defaultPartnership: string };
  localHostPort: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
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
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const problems: string[] = [];
  const cosmosUrl = new URL(values.COSMOS_ENDPOINT);
  if (cosmosUrl.protocol !== 'https:') problems.push('COSMOS_ENDPOINT: Cosmos DB is reached over https only');

  if (values.HUB_ENVIRONMENT === 'production') {
    if (LOOPBACK_HOSTS.has(cosmosUrl.hostname)) {
      problems.push('COSMOS_ENDPOINT: production refuses a local Cosmos DB stand-in');
    }
    if (values.COSMOS_CA_CERT_FILE) {
      problems.push('COSMOS_CA_CERT_FILE: production trusts only the public certificate authorities');
    }
    if (isDevelopmentStorage(values.STORAGE_CONNECTION_STRING)) {
      problems.push('STORAGE_CONNECTION_STRING: production refuses Azurite and the development storage account');
    }
    if (values.DEV_CALLER_ENABLED) {
      problems.push('DEV_CALLER_ENABLED: the development caller is refused in production');
    }
  }
  if (!values.COSMOS_KEY) {
    problems.push('COSMOS_KEY: required (managed identity sign-in is not available yet)');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    environment: values.HUB_ENVIRONMENT,
    cosmos: {
      endpoint: values.COSMOS_ENDPOINT,
      key: values.COSMOS_KEY,
      database: values.COSMOS_DATABASE,
      caCertFile: values.COSMOS_CA_CERT_FILE,
    },
    storage: { connectionString: values.STORAGE_CONNECTION_STRING },
    devCaller: { enabled: values.DEV_CALLER_ENABLED, defaultPartnership: values.DEV_DEFAULT_PARTNERSHIP },
    localHostPort: values.LOCAL_HOST_PORT,
    logLevel: values.LOG_LEVEL,
  };
}

function isDevelopmentStorage(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|AccountName=devstoreaccount1|127\.0\.0\.1|localhost/i.test(connectionString);
}
