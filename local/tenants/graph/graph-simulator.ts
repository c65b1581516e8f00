import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { LocalCertificates } from '../../stack/local-certificates';
import type { Population } from './population';
import { SignInActivityThrottle } from './sign-in-throttle';
import { usersDeltaPage } from './users-delta';
import {
  decodeSkipToken,
  encodeSkipToken,
  GraphRequestError,
  matchesFilter,
  parseUsersQuery,
  project,
  type UsersQuery,
} from './users-query';

/** Faults a test or a benchmark can set on one tenant's Graph. */
export type GraphFaults = {
  /** Answer this many of the next requests with 429 and Retry-After. */
  throttleNext?: number;
  retryAfterSeconds?: number;
  /** Answer this many of the next requests with 503. */
  unavailableNext?: number;
  /** Wait this long before answering each page of users. */
  pageDelayMs?: number;
  /** Answer every delta token with 410 Gone, as Graph does once a token has expired. */
  expireDeltaTokens?: boolean;
  /** Send changed users in a delta round with only their id and name, as Graph may ("at least the updated properties"). */
  partialDeltaUsers?: boolean;
};

export type SentMail = { tenantId: string; fromUserId: string; message: unknown; at: string };

export type GraphTenant = {
  tenantId: string;
  /** Index of the tenant in the population. */
  populationIndex: number;
  skus: { skuId: string; skuPartNumber: string; enabled: number }[];
};

export type RunningGraphSimulator = {
  /** `https://localhost:<port>`: the Graph base URL, as `https://graph.microsoft.com` is in Azure. */
  baseUrl: string;
  setFaults(tenantId: string, faults: GraphFaults): void;
  /** Mail sent through `/users/{id}/sendMail`, oldest first. */
  outbox(): SentMail[];
  /** Graph requests answered per tenant, sub-requests of a batch included. */
  requestCounts(): Record<string, number>;
  close(): Promise<void>;
};

const GRAPH_AUDIENCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];
const MAX_BATCH = 20;

/**
 * Microsoft Graph for the simulated tenants, over HTTPS with the local CA, answering what the licence reconciler
 * asks as Graph answers it: `/users` with `$select`, the licensed-users advanced query, `$top` and absolute
 * `@odata.nextLink` paging; `/subscribedSkus`; `$batch` of at most 20 requests, where a throttled sub-request is a
 * 429 inside the 200; and `sendMail` into an outbox. The tenant is the one that issued the app token, verified
 * against that tenant's published keys. Users come from a deterministic population, page by page.
 */
export async function startGraphSimulator(options: {
  certificates: LocalCertificates;
  authorityHost: string;
  population: Population;
  tenants: GraphTenant[];
  /** Sign-in activity reads allowed per tenant: far fewer than plain reads, as in Graph. */
  signInActivity?: { perMinute: number; burst: number };
  port?: number;
}): Promise<RunningGraphSimulator> {
  const tenants = new Map(options.tenants.map((tenant) => [tenant.tenantId, tenant]));
  const signInLimit = options.signInActivity ?? { perMinute: 30, burst: 5 };
  const signInThrottles = new Map(
    options.tenants.map((tenant) => [
      tenant.tenantId,
      new SignInActivityThrottle(signInLimit.perMinute, signInLimit.burst),
    ]),
  );
  const faults = new Map<string, GraphFaults>();
  const counts: Record<string, number> = {};
  const sent: SentMail[] = [];
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  let baseUrl = '';

  const authenticate = async (authorization: string | undefined): Promise<{ tenant: GraphTenant; roles: string[] }> => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const tid = token ? String(decodeJwt(token).tid ?? '') : '';
    const tenant = tenants.get(tid);
    if (!token || !tenant)
      throw new GraphRequestError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    let keys = keySets.get(tid);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(`${options.authorityHost}/${tid}/discovery/v2.0/keys`), {
        cooldownDuration: 0,
      });
      keySets.set(tid, keys);
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: `${options.authorityHost}/${tid}/v2.0`,
        // Each cloud's Graph also accepts tokens for its own URI (the `${graphBaseUrl}/.default` scope): here baseUrl.
        audience: [...GRAPH_AUDIENCES, baseUrl],
      });
      return { tenant, roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [] };
    } catch {
      throw new GraphRequestError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
  };

  /** One Graph call (top level or inside a batch): path relative to the version, e.g. `/users?$top=999`. */
  const call = async (
    tenant: GraphTenant,
    roles: string[],
    method: string,
    path: string,
    headers: Record<string, string | undefined>,
    body: unknown,
  ): Promise<{ status: number; headers: Record<string, string>; body?: unknown }> => {
    counts[tenant.tenantId] = (counts[tenant.tenantId] ?? 0) + 1;
    const fault = faults.get(tenant.tenantId) ?? {};
    if (fault.unavailableNext) {
      fault.unavailableNext -= 1;
      return graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable.');
    }
    if (fault.throttleNext) {
      fault.throttleNext -= 1;
      const retryAfter = String(fault.retryAfterSeconds ?? 1);
      return { ...graphError(429, 'TooManyRequests', 'Too many requests.'), headers: { 'retry-after': retryAfter } };
    }
    const url = new URL(path, 'https://graph.invalid/');
    /** Graph's check: the token holds one of the permissions the call accepts. */
    const need = (...permissions: string[]) => {
      if (!permissions.some((permission) => roles.includes(permission))) {
        throw new GraphRequestError(
          403,
          'Authorization_RequestDenied',
          'Insufficient privileges to complete the operation.',
        );
      }
    };
    if (method === 'GET' && url.pathname === '/users') {
      need('User.Read.All');
      const query = url.searchParams.has('$skiptoken')
        ? decodeSkipToken(url.searchParams.get('$skiptoken') as string)
        : { ...parseUsersQuery(url.searchParams, headers.consistencylevel), position: 0 };
      if (query.select.includes('signInActivity')) {
        need('AuditLog.Read.All');
        const wait = signInThrottles.get(tenant.tenantId)?.take() ?? 0;
        if (wait > 0) {
          return {
            ...graphError(429, 'TooManyRequests', 'Too many sign-in activity requests.'),
            headers: { 'retry-after': String(wait) },
          };
        }
      }
      if (fault.pageDelayMs) await new Promise((resolve) => setTimeout(resolve, fault.pageDelayMs));
      return { status: 200, headers: {}, body: usersPage(tenant, query) };
    }
    if (method === 'GET' && url.pathname === '/users/delta') {
      need('User.Read.All');
      if (fault.pageDelayMs) await new Promise((resolve) => setTimeout(resolve, fault.pageDelayMs));
      const body = usersDeltaPage({
        population: options.population,
        tenantIndex: tenant.populationIndex,
        params: url.searchParams,
        prefer: headers.prefer,
        baseUrl,
        now: Date.now(),
        expireTokens: fault.expireDeltaTokens,
      });
      if (fault.partialDeltaUsers && url.searchParams.has('$deltatoken')) {
        const page = body as { value: Record<string, unknown>[] };
        page.value = page.value.map((user) => ({ id: user.id, displayName: user.displayName }));
      }
      return { status: 200, headers: {}, body };
    }
    const single = /^\/users\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (method === 'GET' && single?.[1]) {
      need('User.Read.All');
      const population = options.population;
      for (let i = 0; i < population.size(tenant.populationIndex); i++) {
        const user = population.userAt(tenant.populationIndex, i);
        if (user.id === single[1])
          return { status: 200, headers: {}, body: project(user, parseUsersQuery(url.searchParams, undefined).select) };
      }
      throw new GraphRequestError(404, 'Request_ResourceNotFound', `Resource '${single[1]}' does not exist.`);
    }
    if (method === 'GET' && url.pathname === '/subscribedSkus') {
      need('LicenseAssignment.Read.All', 'Organization.Read.All');
      return {
        status: 200,
        headers: {},
        body: {
          value: tenant.skus.map((sku) => ({
            skuId: sku.skuId,
            skuPartNumber: sku.skuPartNumber,
            prepaidUnits: { enabled: sku.enabled, suspended: 0, warning: 0 },
            consumedUnits: consumed(tenant, sku.skuId),
          })),
        },
      };
    }
    const mail = /^\/users\/([^/]+)\/sendMail$/.exec(url.pathname);
    if (method === 'POST' && mail?.[1]) {
      need('Mail.Send');
      sent.push({
        tenantId: tenant.tenantId,
        fromUserId: decodeURIComponent(mail[1]),
        message: body,
        at: new Date().toISOString(),
      });
      return { status: 202, headers: {} };
    }
    throw new GraphRequestError(400, 'BadRequest', `Resource not found for the segment '${url.pathname}'.`);
  };

  const usersPage = (tenant: GraphTenant, query: UsersQuery & { position: number }) => {
    const population = options.population;
    const size = population.size(tenant.populationIndex);
    const value: Record<string, unknown>[] = [];
    let position = query.position;
    while (position < size && value.length < query.top) {
      const user = population.userAt(tenant.populationIndex, position);
      position += 1;
      if (matchesFilter(user, query)) value.push(project(user, query.select));
    }
    const page: Record<string, unknown> = { '@odata.context': `${baseUrl}/v1.0/$metadata#users` };
    if (query.count && query.position === 0) page['@odata.count'] = countUsers(tenant, query);
    page.value = value;
    if (position < size)
      page['@odata.nextLink'] = `${baseUrl}/v1.0/users?$skiptoken=${encodeSkipToken(query, position)}`;
    return page;
  };

  const countUsers = (tenant: GraphTenant, query: UsersQuery) => {
    let count = 0;
    for (let i = 0; i < options.population.size(tenant.populationIndex); i++) {
      if (matchesFilter(options.population.userAt(tenant.populationIndex, i), query)) count += 1;
    }
    return count;
  };

  const consumed = (tenant: GraphTenant, skuId: string) => {
    let count = 0;
    for (let i = 0; i < options.population.size(tenant.populationIndex); i++) {
      const user = options.population.userAt(tenant.populationIndex, i);
      if (user.assignedLicenses.some((licence) => licence.skuId === skuId)) count += 1;
    }
    return count;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const { tenant, roles } = await authenticate(req.headers.authorization);
      const url = new URL(req.url ?? '/', baseUrl);
      if (!url.pathname.startsWith('/v1.0/'))
        throw new GraphRequestError(400, 'BadRequest', 'Unsupported API version.');
      const path = `${url.pathname.slice('/v1.0'.length)}${url.search}`;
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const headers = { consistencylevel: header(req, 'consistencylevel'), prefer: header(req, 'prefer') };
      if (req.method === 'POST' && path === '/$batch') {
        return send(res, 200, {}, await batch(tenant, roles, body));
      }
      const answer = await call(tenant, roles, req.method ?? 'GET', path, headers, body);
      send(res, answer.status, answer.headers, answer.body);
    } catch (error) {
      const failure =
        error instanceof GraphRequestError ? error : new GraphRequestError(500, 'generalException', String(error));
      const answer = graphError(failure.status, failure.code, failure.message);
      send(res, answer.status, answer.headers, answer.body);
    }
  };

  const batch = async (tenant: GraphTenant, roles: string[], body: unknown) => {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > MAX_BATCH) {
      throw new GraphRequestError(400, 'BadRequest', `A batch holds 1 to ${MAX_BATCH} requests.`);
    }
    const responses = [];
    for (const request of requests as {
      id: string;
      method: string;
      url: string;
      headers?: Record<string, string>;
      body?: unknown;
    }[]) {
      if (/^\/?v1\.0\//.test(request.url)) {
        responses.push({
          id: request.id,
          ...graphError(400, 'BadRequest', 'Batch request URLs are relative to the version.'),
        });
        continue;
      }
      const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      try {
        const path = request.url.startsWith('/') ? request.url : `/${request.url}`;
        responses.push({ id: request.id, ...(await call(tenant, roles, request.method, path, headers, request.body)) });
      } catch (error) {
        const failure =
          error instanceof GraphRequestError ? error : new GraphRequestError(500, 'generalException', String(error));
        responses.push({ id: request.id, ...graphError(failure.status, failure.code, failure.message) });
      }
    }
    return { responses };
  };

  const server = createServer(
    { cert: options.certificates.cert, key: options.certificates.key, keepAlive: true },
    (req, res) => {
      void handle(req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    setFaults: (tenantId, next) => faults.set(tenantId, { ...next }),
    outbox: () => [...sent],
    requestCounts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function graphError(status: number, code: string, message: string) {
  return {
    status,
    headers: {} as Record<string, string>,
    body: {
      error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } },
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphRequestError(400, 'BadRequest', 'The body is not valid JSON.');
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown): void {
  res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
