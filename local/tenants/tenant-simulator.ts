import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { LocalCertificates } from '../stack/local-certificates';
import { Authorities, type Authority } from './authorities';
import { AuthorizationCodes } from './authorization-codes';
import { AuthorizeEndpoint, isLoopbackUri } from './authorize-endpoint';
import { CodeGrants } from './code-grants';
import type { SimulatedTenant } from './demo-users';
import {
  bodyTooLarge,
  EntraError,
  entraErrorBody,
  missing,
  noTenantInformation,
  unknownTenant,
  unknownUser,
  unsupportedGrantType,
} from './entra-errors';
import { html, json, type Reply, type SimulatorRequest } from './http-reply';
import { openIdConfiguration } from './openid-configuration';
import { errorPage, pageHeaders } from './sign-in-page';
import { TokenIssuer } from './token-issuer';

export { DEMO_PASSWORD } from './token-issuer';

export type TenantSimulatorOptions = {
  certificates: LocalCertificates;
  tenants: SimulatedTenant[];
  /** The product API's app registration: audience of user tokens, and the resource of `access_as_user`. */
  api: { clientId: string; appIdUri: string };
  /**
   * Public clients: they may sign users in with a password (ROPC: local tools) and, as single-page app
   * registrations with loopback redirect URIs, with the browser's authorization code flow (MSAL.js).
   */
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

type Route = {
  methods: ('GET' | 'POST')[];
  /** A page the browser navigates to: a refusal is shown as an HTML page rather than JSON. */
  page?: boolean;
  answer(authority: Authority, request: SimulatorRequest): Promise<Reply> | Reply;
};

type Routes = Record<string, Route>;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Microsoft Entra ID tenants for local development and tests, served over HTTPS with the local certificate
 * authority on the paths Entra uses, so the real msal-node and MSAL.js get tokens from it and the API verifies them
 * with the tenant's JWKS exactly as it does against Entra. It serves OpenID metadata, signing keys, the token
 * endpoint for password sign-in (demo users), client credentials (daemon apps), authorization codes and refresh
 * tokens (single-page apps), and the browser sign-in (authorization endpoint, sign-in page, logout), per tenant
 * and for the multi-tenant authorities organizations and common. In memory: keys are new on every start.
 */
export async function startTenantSimulator(options: TenantSimulatorOptions): Promise<RunningTenantSimulator> {
  const now = options.now ?? Date.now;
  const authorities = new Authorities(options.tenants);
  let authorityHost = '';
  const currentHost = () => authorityHost;
  const issuer = new TokenIssuer({ ...options, now, authorityHost: currentHost });
  const codes = new AuthorizationCodes(now);
  const tenantOf = (name: string): SimulatedTenant => {
    const tenant = authorities.tenant(name);
    if (!tenant) throw new Error(`No simulated tenant ${name}`);
    return tenant;
  };

  const routes = tenantRoutes({
    authorities,
    issuer,
    authorityHost: currentHost,
    codeGrants: new CodeGrants({ ...options, authorities, codes, issuer, now }),
    authorize: new AuthorizeEndpoint({ ...options, authorities, codes, now, authorityHost: currentHost }),
  });
  const server = createServer(
    { cert: options.certificates.cert, key: options.certificates.key, keepAlive: true },
    requestHandler({ routes, authorities, now, authorityHost: currentHost }),
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

type RouteServices = {
  authorities: Authorities;
  issuer: TokenIssuer;
  codeGrants: CodeGrants;
  authorize: AuthorizeEndpoint;
  authorityHost: () => string;
};

/** The endpoints under a tenant's path (or organizations/common), as Entra serves them, and one of our own. */
function tenantRoutes({ authorities, issuer, codeGrants, authorize, authorityHost }: RouteServices): Routes {
  return {
    'v2.0/.well-known/openid-configuration': {
      methods: ['GET'],
      answer: (authority) => json(openIdConfiguration(authorityHost(), authority)),
    },
    'discovery/v2.0/keys': {
      methods: ['GET'],
      answer: async (authority) => json(await (authority.tenant ? issuer.jwks(authority.tenant) : issuer.allJwks())),
    },
    'oauth2/v2.0/token': {
      methods: ['POST'],
      answer: async (authority, request) => {
        const { form } = request;
        const origin = request.header('origin');
        const grantType = form.get('grant_type');
        if (grantType === 'authorization_code')
          return json(await codeGrants.authorizationCode(authority, form, origin));
        if (grantType === 'refresh_token') return json(await codeGrants.refreshToken(authority, form, origin));
        const tenant = tenantOfGrant(authorities, authority, form);
        return json(await issuer.grant(tenant, form, request.header('authorization')));
      },
    },
    'oauth2/v2.0/authorize': {
      methods: ['GET', 'POST'],
      page: true,
      answer: (authority, request) => authorize.authorize(authority, request),
    },
    'oauth2/v2.0/logout': {
      methods: ['GET'],
      page: true,
      answer: (authority, request) => authorize.logout(authority, request),
    },
    'admin/rotate-keys': {
      methods: ['POST'],
      answer: async (authority) => {
        if (!authority.tenant) throw noTenantInformation();
        return json({ kid: await issuer.rotate(authority.tenant) });
      },
    },
  };
}

/**
 * The tenant that answers a password or client credentials grant. At organizations/common a password sign-in
 * finds the user's home tenant from the user name, as Entra does; a daemon must name its tenant.
 */
function tenantOfGrant(authorities: Authorities, authority: Authority, form: URLSearchParams): SimulatedTenant {
  if (authority.tenant) return authority.tenant;
  const grantType = form.get('grant_type');
  if (!grantType) throw missing('grant_type');
  if (grantType === 'client_credentials') throw noTenantInformation();
  if (grantType !== 'password') throw unsupportedGrantType(grantType);
  const username = form.get('username');
  if (!username) throw missing('username');
  const found = authorities.userOf(authority, username);
  if (!found) throw unknownUser(authority.segment);
  return found.tenant;
}

type HandlerContext = {
  routes: Routes;
  authorities: Authorities;
  now: () => number;
  authorityHost: () => string;
};

/** Serves every request, answering a failure it did not foresee with a 500 rather than a hang. */
function requestHandler(context: HandlerContext) {
  const logRequests = Boolean(process.env.TENANT_SIMULATOR_LOG);
  return (req: IncomingMessage, res: ServerResponse): void => {
    serve(context, req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, json({ error: 'server_error', error_description: String(error) }, 500));
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
  const url = new URL(req.url ?? '/', 'https://localhost');
  const [tenantName = '', ...rest] = url.pathname.split('/').filter(Boolean);
  const route = Object.hasOwn(routes, rest.join('/')) ? routes[rest.join('/')] : undefined;
  if (!route)
    return send(res, json({ error: 'not_found', error_description: 'No such endpoint on the tenant simulator.' }, 404));
  if (req.method === 'OPTIONS') return send(res, { status: 204, headers: {} });
  const method = route.methods.find((m) => m === req.method);
  if (!method) {
    res.setHeader('allow', `${route.methods.join(', ')}, OPTIONS`);
    return send(res, json({ error: 'invalid_request', error_description: `Use ${route.methods.join(' or ')}.` }, 405));
  }
  // msal-node sends it as a header, MSAL.js in the query; Entra echoes it either way (if it is a plausible id).
  const asked = headerOf(req, 'client-request-id') ?? url.searchParams.get('client-request-id') ?? '';
  const correlationId = /^[\w.-]{1,128}$/.test(asked) ? asked : randomUUID();
  res.setHeader('client-request-id', correlationId);
  try {
    const authority = context.authorities.resolve(tenantName);
    if (!authority) throw unknownTenant(tenantName);
    const form = method === 'POST' ? await readForm(req) : new URLSearchParams();
    return send(res, await route.answer(authority, { method, url, form, header: (name) => headerOf(req, name) }));
  } catch (error) {
    if (!(error instanceof EntraError)) throw error;
    const body = entraErrorBody(error, correlationId, context.now(), context.authorityHost());
    if (!route.page) return send(res, json(body, error.status));
    const { timestamp } = body;
    const page = errorPage({ code: error.code, error: error.error, message: error.message, correlationId, timestamp });
    return send(res, html(page, error.status, pageHeaders()));
  }
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Browser pages on a loopback origin (the tab, MSAL.js) call the token endpoint and read metadata and keys
 * cross-origin: such origins may, with whatever headers MSAL sends (client-request-id, x-client-SKU,
 * X-AnchorMailbox, ...), and may read client-request-id back. Any other origin gets no CORS headers at all.
 */
function allowLocalOrigins(req: IncomingMessage, res: ServerResponse): void {
  const origin = headerOf(req, 'origin');
  res.setHeader('vary', 'Origin');
  if (!origin || !isLoopbackUri(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', 'client-request-id');
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

function send(res: ServerResponse, reply: Reply): number {
  res.statusCode = reply.status;
  // Tokens and sign-in answers must not be cached, and a rotated JWKS should be seen at once by a browser too.
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.end(reply.body);
  return reply.status;
}
