import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { LocalCertificates } from '../stack/local-certificates';
import type { SimulatedTenant } from './demo-users';
import { bodyTooLarge, EntraError, entraErrorBody, unknownTenant } from './entra-errors';
import { openIdConfiguration } from './openid-configuration';
import { TokenIssuer } from './token-issuer';

export { DEMO_PASSWORD } from './token-issuer';

export type TenantSimulatorOptions = {
  certificates: LocalCertificates;
  tenants: SimulatedTenant[];
  /** The product API's app registration: audience of user tokens, and the resource of `access_as_user`. */
  api: { clientId: string; appIdUri: string };
  /** Clients allowed to sign users in with a password (ROPC): local tools and the local sign-in page. */
  publicClientIds: string[];
  /** Daemon apps (the licence reconciler, the bot) with their secret and the app roles granted in that tenant. */
  confidentialClients?: { tenantId: string; clientId: string; clientSecret: string; applicationRoles: string[] }[];
  port?: number;
  /** Clock in milliseconds, for tests of expiry. */
  now?: () => number;
};

export type RunningTenantSimulator = {
  /** `https://localhost:<port>`: the authority host, as `https://login.microsoftonline.com` is in Azure. */
  authorityHost: string;
  tenants: SimulatedTenant[];
  rotateKeys(tenantId: string): void;
  /** Signs any claims with a tenant's current key, or the key named by `kid`: for tests that need odd tokens. */
  signToken(tenantId: string, claims: Record<string, unknown>, options?: { kid?: string }): Promise<string>;
  /** The access token a password sign-in would give this user, without the HTTP round trip. */
  issueUserAccessToken(
    userPrincipalName: string,
    options?: { lifetimeSeconds?: number; notBeforeOffsetSeconds?: number },
  ): Promise<string>;
  close(): Promise<void>;
};

type Route = { method: 'GET' | 'POST'; answer(tenant: SimulatedTenant, req: IncomingMessage): Promise<unknown> };

type Routes = Record<string, Route>;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Microsoft Entra ID tenants for local development and tests, served over HTTPS with the local certificate
 * authority on the paths Entra uses, so the real msal-node gets tokens from it and the API verifies them with the
 * tenant's JWKS exactly as it does against Entra. It serves OpenID metadata, signing keys, and the token endpoint
 * for password sign-in (demo users) and client credentials (daemon apps). In memory: keys are new on every start.
 */
export async function startTenantSimulator(options: TenantSimulatorOptions): Promise<RunningTenantSimulator> {
  const now = options.now ?? Date.now;
  const byName = tenantsByName(options.tenants);
  let authorityHost = '';
  const currentHost = () => authorityHost;
  const issuer = new TokenIssuer({ ...options, now, authorityHost: currentHost });
  const tenantOf = (name: string): SimulatedTenant => {
    const tenant = byName.get(name.toLowerCase());
    if (!tenant) throw new Error(`No simulated tenant ${name}`);
    return tenant;
  };

  const routes = tenantRoutes(issuer, currentHost);
  const server = createServer(
    { cert: options.certificates.cert, key: options.certificates.key, keepAlive: true },
    requestHandler({ routes, byName, now, authorityHost: currentHost }),
  );
  authorityHost = `https://localhost:${await listen(server, options.port ?? 0)}`;

  return {
    authorityHost,
    tenants: options.tenants,
    rotateKeys: (tenantId) => {
      void issuer.rotate(tenantOf(tenantId));
    },
    signToken: (tenantId, claims, signOptions) => issuer.sign(tenantOf(tenantId), claims, signOptions?.kid),
    issueUserAccessToken: (userPrincipalName, issueOptions) =>
      issuer.issueUserAccessToken(userPrincipalName, issueOptions),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tenant is found by its id or its domain, as Entra finds it, in any case. */
function tenantsByName(tenants: SimulatedTenant[]): Map<string, SimulatedTenant> {
  const byName = new Map<string, SimulatedTenant>();
  for (const tenant of tenants) {
    for (const name of [tenant.tenantId.toLowerCase(), tenant.domain.toLowerCase()]) {
      if (byName.has(name)) throw new Error(`Two simulated tenants are named ${name}`);
      byName.set(name, tenant);
    }
  }
  return byName;
}

/** The endpoints under a tenant's path, as Entra serves them, and one of our own to rotate keys. */
function tenantRoutes(issuer: TokenIssuer, authorityHost: () => string): Routes {
  return {
    'v2.0/.well-known/openid-configuration': {
      method: 'GET',
      answer: async (tenant) => openIdConfiguration(authorityHost(), tenant),
    },
    'discovery/v2.0/keys': { method: 'GET', answer: (tenant) => issuer.jwks(tenant) },
    'oauth2/v2.0/token': {
      method: 'POST',
      answer: async (tenant, req) => issuer.grant(tenant, await readForm(req), req.headers.authorization),
    },
    'admin/rotate-keys': { method: 'POST', answer: async (tenant) => ({ kid: await issuer.rotate(tenant) }) },
  };
}

type HandlerContext = {
  routes: Routes;
  byName: Map<string, SimulatedTenant>;
  now: () => number;
  authorityHost: () => string;
};

/** Serves every request, answering a failure it did not foresee with a 500 rather than a hang. */
function requestHandler(context: HandlerContext) {
  const logRequests = Boolean(process.env.TENANT_SIMULATOR_LOG);
  return (req: IncomingMessage, res: ServerResponse): void => {
    serve(context, req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { error: 'server_error', error_description: String(error) });
        else res.destroy();
        return 500;
      })
      .then((status) => {
        if (logRequests) console.log(`[tenant-simulator] ${req.method} ${req.url?.split('?')[0]} ${status}`);
      });
  };
}

async function serve(context: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<number> {
  const { routes } = context;
  allowLocalOrigins(req, res);
  const [tenantName = '', ...rest] = new URL(req.url ?? '/', 'https://localhost').pathname.split('/').filter(Boolean);
  const route = Object.hasOwn(routes, rest.join('/')) ? routes[rest.join('/')] : undefined;
  if (!route)
    return send(res, 404, { error: 'not_found', error_description: 'No such endpoint on the tenant simulator.' });
  if (req.method === 'OPTIONS') return send(res, 204);
  if (req.method !== route.method) {
    res.setHeader('allow', `${route.method}, OPTIONS`);
    return send(res, 405, { error: 'invalid_request', error_description: `Use ${route.method}.` });
  }
  const correlationId = headerOf(req, 'client-request-id') ?? randomUUID();
  try {
    const tenant = context.byName.get(tenantName.toLowerCase());
    if (!tenant) throw unknownTenant(tenantName);
    return send(res, 200, await route.answer(tenant, req));
  } catch (error) {
    if (!(error instanceof EntraError)) throw error;
    return send(res, error.status, entraErrorBody(error, correlationId, context.now(), context.authorityHost()));
  }
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** The local sign-in page calls the token endpoint from the browser: any localhost origin may, no other. */
function allowLocalOrigins(req: IncomingMessage, res: ServerResponse): void {
  const origin = headerOf(req, 'origin');
  res.setHeader('vary', 'Origin');
  if (!origin) return;
  try {
    const { hostname, protocol } = new URL(origin);
    if (!['http:', 'https:'].includes(protocol) || !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) return;
  } catch {
    return;
  }
  res.setHeader('access-control-allow-origin', origin);
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', headerOf(req, 'access-control-request-headers') ?? 'content-type');
    res.setHeader('access-control-max-age', '600');
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw bodyTooLarge();
    chunks.push(chunk);
  }
  const isForm = headerOf(req, 'content-type')?.toLowerCase().startsWith('application/x-www-form-urlencoded');
  return new URLSearchParams(isForm ? Buffer.concat(chunks).toString('utf8') : '');
}

function send(res: ServerResponse, status: number, body?: unknown): number {
  res.statusCode = status;
  // Tokens must not be cached, and a rotated JWKS should be seen at once by a browser too.
  res.setHeader('cache-control', 'no-store');
  if (body === undefined) res.end();
  else {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  }
  return status;
}
