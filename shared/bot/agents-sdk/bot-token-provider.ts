import { ConfidentialClientApplication, ManagedIdentityApplication, type NodeAuthOptions } from '@azure/msal-node';
import type { AuthConfiguration, AuthProvider } from '@microsoft/agents-hosting';
import type { BotCredential } from '../../config/bot-settings';

/** The Bot Connector's resource: the only thing the bot asks tokens for. */
export const BOT_CONNECTOR_RESOURCE = 'https://api.botframework.com';

export type BotTokenProviderOptions = {
  appId: string;
  tenantId: string;
  /** https://login.microsoftonline.com, a national cloud, or the simulated tenants. */
  authorityHost: string;
  credential: BotCredential;
  /** Where the secret or PEM key named by the credential is read (process.env in the app). */
  env: Readonly<Record<string, string | undefined>>;
};

type TokenSource = () => Promise<string>;

/**
 * The bot's tokens for the Bot Connector (client credentials for https://api.botframework.com/.default), from the
 * bot's own tenant at the configured authority, through the app's msal-node. The SDK's own MsalTokenProvider is
 * not used: it builds msal without `knownAuthorities`, so against any authority but the public cloud's (the
 * simulated tenants, a national cloud) msal first asks login.microsoftonline.com to vouch for it. msal caches the
 * token until shortly before it expires, so a turn costs no round trip to Entra.
 */
export class BotTokenProvider implements AuthProvider {
  readonly connectionSettings: AuthConfiguration;
  private readonly source: TokenSource;

  constructor(options: BotTokenProviderOptions) {
    this.connectionSettings = { clientId: options.appId, tenantId: options.tenantId };
    this.source = tokenSource(options);
  }

  async getAccessToken(authConfigOrScope: AuthConfiguration | string, scope?: string): Promise<string> {
    const asked = typeof authConfigOrScope === 'string' ? authConfigOrScope : scope;
    const resource = (asked ?? BOT_CONNECTOR_RESOURCE).replace(/\/\.default$/, '');
    if (resource !== BOT_CONNECTOR_RESOURCE) {
      throw new Error(`The bot only gets tokens for the Bot Connector, not for ${resource}.`);
    }
    return this.source();
  }

  getAgenticApplicationToken(): Promise<string> {
    return unsupported('agentic application tokens');
  }

  getAgenticInstanceToken(): Promise<string> {
    return unsupported('agentic instance tokens');
  }

  getAgenticUserToken(): Promise<string> {
    return unsupported('agentic user tokens');
  }

  acquireTokenOnBehalfOf(): Promise<string> {
    return unsupported('on-behalf-of tokens');
  }
}

function tokenSource(options: BotTokenProviderOptions): TokenSource {
  const { credential } = options;
  if (credential.kind === 'managed-identity') {
    const identity = new ManagedIdentityApplication({
      managedIdentityIdParams: { userAssignedClientId: options.appId },
    });
    return async () => accessToken(await identity.acquireToken({ resource: BOT_CONNECTOR_RESOURCE }));
  }
  const authority = new URL(options.authorityHost);
  const auth: NodeAuthOptions = {
    clientId: options.appId,
    authority: `${authority.origin}/${options.tenantId}`,
    // Trusts the configured host as it is, with no instance discovery against the public cloud; msal matches host
    // and port.
    knownAuthorities: [authority.host],
  };
  const secret = () => {
    const value = options.env[credential.setting];
    if (!value?.trim()) throw new Error(`The app setting ${credential.setting} (the bot's credential) is empty.`);
    return value;
  };
  if (credential.kind === 'secret') auth.clientSecret = secret();
  else auth.clientCertificate = { thumbprint: credential.thumbprint, privateKey: secret() };
  const msal = new ConfidentialClientApplication({ auth });
  return async () =>
    accessToken(await msal.acquireTokenByClientCredential({ scopes: [`${BOT_CONNECTOR_RESOURCE}/.default`] }));
}

function accessToken(result: { accessToken?: string } | null): string {
  if (!result?.accessToken) throw new Error('No token for the Bot Connector was issued to the bot.');
  return result.accessToken;
}

function unsupported(what: string): Promise<string> {
  return Promise.reject(new Error(`The bot does not use ${what}.`));
}
