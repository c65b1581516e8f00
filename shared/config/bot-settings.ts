import { z } from 'zod';
import { isLoopbackUrl } from './loopback';

/** Where the Bot Connector service publishes the keys it signs its requests to bots with (the public cloud). */
export const BOT_FRAMEWORK_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** The app setting that holds the bot's client secret unless BOT_CREDENTIAL_SETTING names another. */
export const DEFAULT_BOT_CREDENTIAL_SETTING = 'BOT_CLIENT_SECRET';

/**
 * How the bot proves who it is when it calls the Bot Connector: a client secret or a certificate's PEM private key
 * held in an app setting (in Azure a Key Vault reference), or the user-assigned managed identity whose client id is
 * the bot's app id (Azure Bot's "UserAssignedMSI" type), which needs no secret at all.
 */
export type BotCredential =
  | { kind: 'secret'; setting: string }
  | { kind: 'certificate'; setting: string; thumbprint: string }
  | { kind: 'managed-identity' };

export type BotSettings = {
  /** The bot's Microsoft App ID: the audience of the Bot Framework tokens it accepts. */
  appId: string;
  /** The tenant of the bot's app registration (a single-tenant bot): where it gets its own tokens. */
  tenantId: string;
  credential: BotCredential;
  openIdMetadataUrl: string;
  /** Development only: requests without a token (Microsoft 365 Agents Playground) are let in. */
  allowUnauthenticatedPlayground: boolean;
};

const flag = z.enum(['true', 'false'], { message: 'true or false' }).default('false');

/** The bot's environment variables, merged into the settings schema; each is in the README's configuration table. */
export const botEnvironment = {
  /** The bot's Microsoft App ID (Azure Bot resource); without it the bot is off and /api/messages refuses all. */
  BOT_APP_ID: z.uuid({ message: 'the application (client) id of the bot, a GUID' }).optional(),
  BOT_TENANT_ID: z.uuid({ message: 'the tenant id of the bot app registration, a GUID' }).optional(),
  BOT_CREDENTIAL_KIND: z.enum(['secret', 'certificate', 'managed-identity']).default('secret'),
  /** The app setting holding the secret or PEM key; named BOT_..., so it cannot point at another part's secret. */
  BOT_CREDENTIAL_SETTING: z
    .string()
    .regex(/^BOT_[A-Z0-9_]+$/, 'names an app setting starting with BOT_')
    .default(DEFAULT_BOT_CREDENTIAL_SETTING),
  BOT_CERTIFICATE_THUMBPRINT: z
    .string()
    .regex(/^[0-9A-Fa-f]{40}$/, 'the SHA-1 thumbprint Entra shows, 40 hex digits')
    .optional(),
  BOT_OPENID_METADATA_URL: z.url().default(BOT_FRAMEWORK_OPENID_METADATA_URL),
  BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: flag,
};

type BotValues = {
  BOT_APP_ID?: string | undefined;
  BOT_TENANT_ID?: string | undefined;
  BOT_CREDENTIAL_KIND: BotCredential['kind'];
  BOT_CREDENTIAL_SETTING: string;
  BOT_CERTIFICATE_THUMBPRINT?: string | undefined;
  BOT_OPENID_METADATA_URL: string;
  BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: 'true' | 'false';
};

/** The bot's settings once validated; undefined while no bot is configured. */
export function botSettingsFrom(values: BotValues): BotSettings | undefined {
  if (!values.BOT_APP_ID || !values.BOT_TENANT_ID) return undefined;
  const setting = values.BOT_CREDENTIAL_SETTING;
  const credential: BotCredential =
    values.BOT_CREDENTIAL_KIND === 'managed-identity'
      ? { kind: 'managed-identity' }
      : values.BOT_CREDENTIAL_KIND === 'certificate'
        ? { kind: 'certificate', setting, thumbprint: values.BOT_CERTIFICATE_THUMBPRINT ?? '' }
        : { kind: 'secret', setting };
  return {
    appId: values.BOT_APP_ID.toLowerCase(),
    tenantId: values.BOT_TENANT_ID.toLowerCase(),
    credential,
    openIdMetadataUrl: values.BOT_OPENID_METADATA_URL,
    allowUnauthenticatedPlayground: values.BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND === 'true',
  };
}

/** Checks between the bot's settings, on the raw values, reported beside any schema problem. */
export function botConsistencyProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const configured = Boolean(env.BOT_APP_ID);
  if (configured && !env.BOT_TENANT_ID) {
    problems.push('BOT_TENANT_ID: required with BOT_APP_ID (the tenant of the bot app registration)');
  }
  if (!configured) return problems;
  const url = env.BOT_OPENID_METADATA_URL;
  if (url && URL.canParse(url) && !url.startsWith('https://')) {
    problems.push('BOT_OPENID_METADATA_URL: the Bot Framework signing keys are only trusted over https');
  }
  const kind = env.BOT_CREDENTIAL_KIND ?? 'secret';
  if (kind === 'certificate' && !env.BOT_CERTIFICATE_THUMBPRINT) {
    problems.push('BOT_CERTIFICATE_THUMBPRINT: required when BOT_CREDENTIAL_KIND is certificate');
  }
  const setting = env.BOT_CREDENTIAL_SETTING ?? DEFAULT_BOT_CREDENTIAL_SETTING;
  if ((kind === 'secret' || kind === 'certificate') && /^BOT_[A-Z0-9_]+$/.test(setting) && !env[setting]?.trim()) {
    const what = kind === 'secret' ? 'the bot client secret' : "the PEM private key of the bot's certificate";
    problems.push(`${setting}: must hold ${what} (named by BOT_CREDENTIAL_SETTING)`);
  }
  return problems;
}

/** What production refuses of the bot's settings: the local Bot Connector stand-in and the unauthenticated mode. */
export function botProductionProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (isLoopbackUrl(env.BOT_OPENID_METADATA_URL)) {
    problems.push('BOT_OPENID_METADATA_URL: production refuses the local Bot Connector stand-in');
  }
  if (env.BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND && env.BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND !== 'false') {
    problems.push('BOT_ALLOW_UNAUTHENTICATED_PLAYGROUND: production never lets a request in without a token');
  }
  return problems;
}
