import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { LocalCertificates } from '../stack/local-certificates';
import { type DemoUser, objectIdOf, type SimulatedTenant } from './demo-users';
import { SigningKeyRing } from './signing-keys';

/** The password of every demo user; documented, public, and accepted by the simulator only. */
export const DEMO_PASSWORD = 'demo';

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

const LIFETIME_SECONDS = 3600;
const MAX_BODY_BYTES = 64 * 1024;
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** An answer shaped as Entra shapes its errors; `code` is the AADSTS number. */
class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const missing = (parameter: string) =>
  new EntraError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${parameter}'.`,
  );

/**
 * Microsoft Entra ID tenants for local development and tests, served over HTTPS with the local certificate
 * authority on the paths Entra uses, so the real msal-node gets tokens from it and the API verifies them with the
 * tenant's JWKS exactly as it does against Entra. It serves OpenID metadata, signing keys, and the token endpoint
 * for password sign-in (demo users) and client credentials (daemon apps). In memory: keys are new on every start.
 */
export async function startTenantSimulator(options: TenantSimulatorOptions): Promise<RunningTenantSimulator> {
  const now = options.now ?? Date.now;
  const logRequests = Boolean(process.env.TENANT_SIMULATOR_LOG);
  const byName = new Map<string, SimulatedTenant>();
  for (const tenant of options.tenants) {
    for (const name of [tenant.tenantId.toLowerCase(), tenant.domain.toLowerCase()]) {
      if (byName.has(name)) throw new Error(`Two simulated tenants are named ${name}`);
      byName.set(name, tenant);
    }
  }
  // Made in the background (RSA key generation is slow) and awaited on use, so starting costs no time.
  const keyRings = new Map(options.tenants.map((t) => [t.tenantId.toLowerCase(), SigningKeyRing.create()]));
  const ringOf = (tenant: SimulatedTenant) => keyRings.get(tenant.tenantId.toLowerCase()) as Promise<SigningKeyRing>;
  /** Chained on the ring, so a rotation asked for synchronously comes before any later request's signing. */
  const rotate = (tenant: SimulatedTenant): Promise<string> => {
    const rotated = ringOf(tenant).then((ring) => ({ ring, kid: ring.rotate() }));
    keyRings.set(
      tenant.tenantId.toLowerCase(),
      rotated.then(({ ring }) => ring),
    );
    return rotated.then(({ kid }) => kid);
  };
  let authorityHost = '';

  const tenantOf = (name: string): SimulatedTenant => {
    const tenant = byName.get(name.toLowerCase());
    if (!tenant) throw new Error(`No simulated tenant ${name}`);
    return tenant;
  };
  const issuerOf = (tenant: SimulatedTenant) => `${authorityHost}/${tenant.tenantId.toLowerCase()}/v2.0`;

  const sign = async (tenant: SimulatedTenant, claims: Record<string, unknown>, kid?: string): Promise<string> => {
    const ring = await ringOf(tenant);
    const key = kid === undefined ? ring.current() : ring.find(kid);
    if (!key) throw new Error(`Tenant ${tenant.tenantId} has no signing key ${kid}`);
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  };

  /** Times and ids every Entra token carries. */
  const baseClaims = (tenant: SimulatedTenant, lifetimeSeconds = LIFETIME_SECONDS, notBeforeOffsetSeconds = 0) => {
    const iat = Math.floor(now() / 1000);
    return {
      iss: issuerOf(tenant),
      iat,
      nbf: iat + notBeforeOffsetSeconds,
      exp: iat + lifetimeSeconds,
      tid: tenant.tenantId.toLowerCase(),
      uti: randomBytes(16).toString('base64url').slice(0, 22),
      ver: '2.0',
    };
  };

  /** The v2 access token Entra issues to the API for a signed-in user (as for a Teams tab's SSO token). */
  const userAccessToken = (
    tenant: SimulatedTenant,
    user: DemoUser,
    clientId: string,
    lifetime?: number,
    nbf?: number,
  ) =>
    sign(tenant, {
      aud: options.api.clientId,
      ...baseClaims(tenant, lifetime, nbf),
      azp: clientId,
      azpacr: '0',
      name: user.displayName,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      roles: user.roles,
      scp: 'access_as_user',
      sub: pairwiseSubject(user.objectId, clientId),
    });

  const idToken = (tenant: SimulatedTenant, user: DemoUser, clientId: string) =>
    sign(tenant, {
      aud: clientId,
      ...baseClaims(tenant),
      name: user.displayName,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      sub: pairwiseSubject(user.objectId, clientId),
    });

  /** Accepts a public client, or a confidential client of this tenant that proves its secret. */
  const authenticateClient = (tenant: SimulatedTenant, form: URLSearchParams, authorization?: string) => {
    const clientId = form.get('client_id') ?? basicCredentials(authorization)?.clientId;
    if (!clientId) throw missing('client_id');
    const confidential = (options.confidentialClients ?? []).find(
      (c) => c.clientId === clientId && c.tenantId.toLowerCase() === tenant.tenantId.toLowerCase(),
    );
    if (!confidential) {
      if (options.publicClientIds.includes(clientId)) return { clientId, confidential: undefined };
      throw new EntraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    const secret = form.get('client_secret') ?? basicCredentials(authorization)?.clientSecret;
    if (!secret) {
      throw new EntraError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    if (secret !== confidential.clientSecret) {
      throw new EntraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    }
    return { clientId, confidential };
  };

  const passwordGrant = async (tenant: SimulatedTenant, form: URLSearchParams, authorization?: string) => {
    const { clientId } = authenticateClient(tenant, form, authorization);
    const username = form.get('username');
    const password = form.get('password');
    const scope = form.get('scope');
    if (!username) throw missing('username');
    if (!password) throw missing('password');
    if (!scope) throw missing('scope');
    const scopes = scope.split(/\s+/).filter(Boolean);
    const apiScopes = [`${options.api.appIdUri}/access_as_user`, `${options.api.appIdUri}/.default`];
    const unknown = scopes.find((s) => !apiScopes.includes(s) && !OIDC_SCOPES.includes(s));
    if (unknown || !scopes.some((s) => apiScopes.includes(s))) {
      throw new EntraError(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope '${unknown ?? scope}' does not exist.`,
      );
    }
    const user = tenant.users.find((u) => u.userPrincipalName.toLowerCase() === username.toLowerCase());
    if (!user) {
      throw new EntraError(
        400,
        'invalid_grant',
        50034,
        `The user account {EmailHidden} does not exist in the ${tenant.tenantId} directory. To sign into this application, the account must be added to the directory.`,
      );
    }
    if (password !== DEMO_PASSWORD) {
      throw new EntraError(
        400,
        'invalid_grant',
        50126,
        'Error validating credentials due to invalid username or password.',
      );
    }
    return {
      token_type: 'Bearer',
      scope: `${options.api.appIdUri}/access_as_user`,
      expires_in: LIFETIME_SECONDS,
      ext_expires_in: LIFETIME_SECONDS,
      access_token: await userAccessToken(tenant, user, clientId),
      id_token: await idToken(tenant, user, clientId),
      // msal builds the account (home account id uid.utid) from this.
      client_info: Buffer.from(JSON.stringify({ uid: user.objectId, utid: tenant.tenantId.toLowerCase() })).toString(
        'base64url',
      ),
    };
  };

  const clientCredentialsGrant = async (tenant: SimulatedTenant, form: URLSearchParams, authorization?: string) => {
    const { clientId, confidential } = authenticateClient(tenant, form, authorization);
    if (!confidential) {
      throw new EntraError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    const scope = form.get('scope')?.trim();
    if (!scope) throw missing('scope');
    if (!/^\S+\/\.default$/.test(scope)) {
      throw new EntraError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const resource = scope.slice(0, -'/.default'.length);
    // A v2 token for the product's own API names it by client id, as Entra does; other resources by their URI.
    const aud =
      resource === options.api.appIdUri || resource === options.api.clientId ? options.api.clientId : resource;
    const servicePrincipalId = objectIdOf(`${tenant.tenantId.toLowerCase()}/${clientId}`);
    const roles = confidential.applicationRoles;
    const accessToken = await sign(tenant, {
      aud,
      ...baseClaims(tenant),
      azp: clientId,
      azpacr: '1',
      idtyp: 'app',
      oid: servicePrincipalId,
      ...(roles.length > 0 ? { roles } : {}),
      sub: servicePrincipalId,
    });
    return {
      token_type: 'Bearer',
      expires_in: LIFETIME_SECONDS,
      ext_expires_in: LIFETIME_SECONDS,
      access_token: accessToken,
    };
  };

  const openIdConfiguration = (tenant: SimulatedTenant) => {
    const base = `${authorityHost}/${tenant.tenantId.toLowerCase()}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: OIDC_SCOPES,
      issuer: issuerOf(tenant),
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'localhost',
    };
  };

  const routes: Record<string, Route> = {
    'v2.0/.well-known/openid-configuration': { method: 'GET', answer: async (tenant) => openIdConfiguration(tenant) },
    'discovery/v2.0/keys': {
      method: 'GET',
      answer: async (tenant) => (await ringOf(tenant)).jwks(),
    },
    'oauth2/v2.0/token': {
      method: 'POST',
      answer: async (tenant, req) => {
        const form = await readForm(req);
        const grantType = form.get('grant_type');
        if (!grantType) throw missing('grant_type');
        if (grantType === 'password') return passwordGrant(tenant, form, req.headers.authorization);
        if (grantType === 'client_credentials') return clientCredentialsGrant(tenant, form, req.headers.authorization);
        throw new EntraError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${grantType}'.`,
        );
      },
    },
    'admin/rotate-keys': {
      method: 'POST',
      answer: async (tenant) => ({ kid: await rotate(tenant) }),
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
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
      const tenant = byName.get(tenantName.toLowerCase());
      if (!tenant) {
        throw new EntraError(
          400,
          'invalid_tenant',
          90002,
          `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        );
      }
      return send(res, 200, await route.answer(tenant, req));
    } catch (error) {
      if (!(error instanceof EntraError)) throw error;
      return send(res, error.status, entraErrorBody(error, correlationId, now(), authorityHost));
    }
  };

  const server = createServer(
    { cert: options.certificates.cert, key: options.certificates.key, keepAlive: true },
    (req, res) => {
      handle(req, res)
        .catch((error: unknown) => {
          if (!res.headersSent) send(res, 500, { error: 'server_error', error_description: String(error) });
          else res.destroy();
          return 500;
        })
        .then((status) => {
          if (logRequests) console.log(`[tenant-simulator] ${req.method} ${req.url?.split('?')[0]} ${status}`);
        });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  authorityHost = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    authorityHost,
    tenants: options.tenants,
    rotateKeys: (tenantId) => {
      void rotate(tenantOf(tenantId));
    },
    signToken: (tenantId, claims, signOptions) => sign(tenantOf(tenantId), claims, signOptions?.kid),
    issueUserAccessToken: async (userPrincipalName, issueOptions) => {
      const name = userPrincipalName.toLowerCase();
      const tenant = options.tenants.find((t) => t.users.some((u) => u.userPrincipalName.toLowerCase() === name));
      const user = tenant?.users.find((u) => u.userPrincipalName.toLowerCase() === name);
      if (!tenant || !user) throw new Error(`${userPrincipalName} is no user of a simulated tenant`);
      const clientId = options.publicClientIds[0] ?? options.api.clientId;
      return userAccessToken(
        tenant,
        user,
        clientId,
        issueOptions?.lifetimeSeconds,
        issueOptions?.notBeforeOffsetSeconds,
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Entra's `sub`: stable per user and client, and different across clients, so apps cannot correlate users by it. */
function pairwiseSubject(objectId: string, clientId: string): string {
  return createHash('sha256').update(`${objectId}|${clientId}`).digest('base64url');
}

function entraErrorBody(error: EntraError, correlationId: string, nowMs: number, authorityHost: string) {
  const traceId = randomUUID();
  const timestamp = new Date(nowMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    error: error.error,
    error_description: `AADSTS${error.code}: ${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${authorityHost}/error?code=${error.code}`,
  };
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

function basicCredentials(authorization?: string): { clientId: string; clientSecret: string } | undefined {
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
  };
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
    if (size > MAX_BODY_BYTES) throw new EntraError(400, 'invalid_request', 900144, 'The request body is too large.');
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
