import { ConfidentialClientApplication, type NodeAuthOptions } from '@azure/msal-node';
import {
  AuthenticationHandler,
  type AuthenticationProvider,
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { TenantConnection } from '../schemas/licences';

export type GraphClientOptions = {
  /** Called for every request that goes on the wire, retries included: how a test or a run counts Graph calls. */
  onHttpRequest?: () => void;
  /**
   * Retries of a 429, 503 or 504 the Graph client makes by itself, honouring Retry-After (at most 10). Generous by
   * default so that a burst of throttling is absorbed rather than failing a whole run.
   */
  maxRetries?: number;
  /** Base of the client's exponential back-off, in seconds, when Graph gives no Retry-After. */
  retryDelaySeconds?: number;
};

/**
 * A Microsoft Graph client signed in as the reconciler's app registration in one council's tenant (client
 * credentials). The credential is a client secret, or, for a certificate, the PEM private key: the thumbprint is
 * not secret and sits in the connection, while the key comes from Key Vault like a secret would. The authority
 * and Graph come from the connection, so national clouds and the local simulators work alike; the token is for
 * `${graphBaseUrl}/.default`, the resource of that cloud's Graph.
 */
export function createGraphClient(
  connection: TenantConnection,
  credentialValue: string,
  options: GraphClientOptions = {},
): Client {
  const graph = new URL(connection.graphBaseUrl);
  const middleware: Middleware[] = [
    new AuthenticationHandler(tokenProvider(connection, credentialValue, `${graph.origin}/.default`)),
    new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 2, options.maxRetries ?? 8)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    new WireCounter(options.onHttpRequest),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({
    baseUrl: graph.origin,
    defaultVersion: 'v1.0',
    // The client only attaches the token to Graph's own hosts, and to these.
    customHosts: new Set([graph.hostname]),
    middleware,
  });
}

/** Tokens from msal-node, which caches them until shortly before they expire. */
function tokenProvider(connection: TenantConnection, credentialValue: string, scope: string): AuthenticationProvider {
  const authority = new URL(connection.authorityHost);
  const auth: NodeAuthOptions = {
    clientId: connection.clientId,
    authority: `${authority.origin}/${connection.tenantId}`,
    // Trusts the configured host as it is, with no instance discovery against the public cloud (which fails for
    // a national cloud reached by name, and for the local tenant simulator). msal matches host and port.
    knownAuthorities: [authority.host],
  };
  if (connection.credential.kind === 'secret') auth.clientSecret = credentialValue;
  // The connection holds the SHA-1 thumbprint Entra shows for the certificate.
  else auth.clientCertificate = { thumbprint: connection.credential.thumbprint, privateKey: credentialValue };
  const msal = new ConfidentialClientApplication({ auth });

  return {
    getAccessToken: async () => {
      const where = `${connection.partnerCode} (tenant ${connection.tenantId}, app ${connection.clientId})`;
      let result: Awaited<ReturnType<ConfidentialClientApplication['acquireTokenByClientCredential']>>;
      try {
        result = await msal.acquireTokenByClientCredential({ scopes: [scope] });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not get a Microsoft Graph token for ${where}: ${reason}`, { cause: error });
      }
      if (!result?.accessToken) throw new Error(`Microsoft Entra gave no Graph token for ${where}.`);
      return result.accessToken;
    },
  };
}

/** Sits just before the HTTP handler, so it sees each attempt the retry handler makes. */
class WireCounter implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly onRequest: (() => void) | undefined) {}

  async execute(context: Context): Promise<void> {
    this.onRequest?.();
    if (!this.next) throw new Error('The Graph middleware chain ends without an HTTP handler.');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
