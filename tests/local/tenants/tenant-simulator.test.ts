import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type AuthError,
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkResponse,
  PublicClientApplication,
} from '@azure/msal-node';
import { createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { ensureLocalCertificates, type LocalCertificates } from '../../../local/stack/local-certificates';
import { LOCAL_STATE_FOLDER } from '../../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../../local/stack/trust-local-ca';
import { buildDemoTenants, type SimulatedTenant } from '../../../local/tenants/demo-users';
import { msalAuthorityOptions } from '../../../local/tenants/msal-options';
import { SigningKeyRing } from '../../../local/tenants/signing-keys';
import {
  DEMO_PASSWORD,
  type RunningTenantSimulator,
  startTenantSimulator,
} from '../../../local/tenants/tenant-simulator';

const API = {
  clientId: '7a0e1d52-5a3b-4c1e-9f00-000000000a11',
  appIdUri: 'api://7a0e1d52-5a3b-4c1e-9f00-000000000a11',
};
const SCOPE = `${API.appIdUri}/access_as_user`;
const DAEMON = { clientId: 'da3e0000-0000-4000-8000-00000000da3e', clientSecret: 'local-only-secret' };
const MAIN_ROOT = join(__dirname, '..', '..', '..');

const tenants = buildDemoTenants(loadDemoDatasets().map((dataset) => dataset.partnership));
const tenantOf = (domain: string) => tenants.find((t) => t.domain === domain) as SimulatedTenant;
const hdc = tenantOf('huntingdonshire.example');
const pcc = tenantOf('peterborough.example');
const sam = hdc.users.find((u) => u.userPrincipalName === 'sam.smith@huntingdonshire.example');

let certificates: LocalCertificates;
let simulator: RunningTenantSimulator;
/** Every URL this process fetched: msal-node 7 and jose both use the global fetch. */
const fetched: string[] = [];

beforeAll(async () => {
  certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  simulator = await startTenantSimulator({
    certificates,
    tenants,
    api: API,
    publicClientIds: [API.clientId],
    confidentialClients: [
      { tenantId: hdc.tenantId, ...DAEMON, applicationRoles: ['User.Read.All', 'Organization.Read.All'] },
    ],
  });
  trustLocalCertificateAuthority(certificates.ca);
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    fetched.push(input instanceof Request ? input.url : String(input));
    return realFetch(input, init);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await simulator?.close();
});

const publicClient = (tenantId: string) =>
  new PublicClientApplication({
    auth: { clientId: API.clientId, ...msalAuthorityOptions(simulator.authorityHost, tenantId) },
  });

const signIn = (tenantId: string, username: string, password = DEMO_PASSWORD) =>
  publicClient(tenantId).acquireTokenByUsernamePassword({ username, password, scopes: [SCOPE] });

const openIdConfiguration = async (tenant: string) =>
  (await (await fetch(`${simulator.authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
    token_endpoint: string;
  };

/** Verifies as the API does: the tenant's published keys, its issuer, the API's audience, RS256 only. */
const verifyForApi = async (
  token: string,
  tenantId: string,
  keys = createRemoteJWKSet(new URL(`${simulator.authorityHost}/${tenantId}/discovery/v2.0/keys`)),
) =>
  (
    await jwtVerify(token, keys, {
      issuer: `${simulator.authorityHost}/${tenantId}/v2.0`,
      audience: API.clientId,
      algorithms: ['RS256'],
    })
  ).payload;

const rejectionOf = async (promise: Promise<unknown>): Promise<AuthError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected msal to reject').toBeDefined();
  return error as AuthError;
};

describe('trustLocalCertificateAuthority', () => {
  let foreign: Server;

  beforeAll(async () => {
    // A server whose certificate chains to neither the local CA nor a public root.
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    foreign = createServer({ cert: pems.cert, key: pems.private }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(() => {
    foreign.closeAllConnections();
    foreign.close();
  });

  it("makes Node's built-in fetch trust the local CA, and no other unknown one", async () => {
    // A fresh process, with nothing trusted beyond the public roots, so "before" is really before.
    const script = `
      const { trustLocalCertificateAuthority } = require('./local/stack/trust-local-ca');
      const attempt = (url) => fetch(url).then((r) => r.status, (e) => e.cause?.code ?? e.message);
      (async () => {
        const target = process.env.TARGET + '/${hdc.tenantId}/v2.0/.well-known/openid-configuration';
        const before = await attempt(target);
        trustLocalCertificateAuthority(require('node:fs').readFileSync(process.env.CA_FILE, 'utf8'));
        const after = await attempt(target);
        const foreign = await attempt(process.env.FOREIGN);
        console.log(JSON.stringify({ before, after, foreign, builtIn: fetch !== require('undici').fetch }));
      })();`;
    const { NODE_EXTRA_CA_CERTS: _ignored, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      TARGET: simulator.authorityHost,
      CA_FILE: certificates.caCertFile,
      FOREIGN: `https://127.0.0.1:${(foreign.address() as AddressInfo).port}/`,
    };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: MAIN_ROOT,
      env,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(outcome.before).toMatch(
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/,
    );
    expect(outcome.after).toBe(200);
    expect(outcome.foreign).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
    expect(outcome.builtIn).toBe(true);
  });
});

describe('OpenID metadata and keys', () => {
  it('publishes an Entra-shaped configuration, by tenant id or domain', async () => {
    const byId = await openIdConfiguration(hdc.tenantId);
    const base = `${simulator.authorityHost}/${hdc.tenantId}`;
    expect(byId).toMatchObject({
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['pairwise'],
    });
    expect(await openIdConfiguration(hdc.domain)).toEqual(byId);
  });

  it('publishes RSA signing keys', async () => {
    const jwks = (await (await fetch(`${simulator.authorityHost}/${hdc.tenantId}/discovery/v2.0/keys`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', e: 'AQAB' });
    expect(jwks.keys[0]?.kid).toMatch(/^[\w-]{20,}$/);
    expect(jwks.keys[0]?.n?.length).toBeGreaterThan(300);
  });

  it('answers an unknown tenant as Entra does (AADSTS90002)', async () => {
    const response = await fetch(
      `${simulator.authorityHost}/not-a-tenant.example/v2.0/.well-known/openid-configuration`,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'not-a-tenant.example' not found/);
    for (const field of ['timestamp', 'trace_id', 'correlation_id']) expect(body[field]).toEqual(expect.any(String));
  });

  it('lets a localhost page call it from the browser, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${simulator.authorityHost}/${hdc.tenantId}/oauth2/v2.0/token`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const local = await preflight('http://localhost:7071');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:7071');
    expect(local.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('password sign-in through msal-node', () => {
  it('gives a demo user an access token the API verifies with the tenant JWKS', async () => {
    const result = await signIn(hdc.tenantId, 'Sam.Smith@Huntingdonshire.example');
    const { issuer } = await openIdConfiguration(hdc.tenantId);
    const claims = await verifyForApi(result?.accessToken ?? '', hdc.tenantId);
    expect(claims.iss).toBe(issuer);
    expect(claims).toMatchObject({
      aud: API.clientId,
      tid: hdc.tenantId,
      oid: sam?.objectId,
      name: 'Sam Smith',
      preferred_username: 'sam.smith@huntingdonshire.example',
      roles: ['staff', 'partnership-admin'],
      scp: 'access_as_user',
      azp: API.clientId,
      azpacr: '0',
      ver: '2.0',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    expect(decodeProtectedHeader(result?.accessToken ?? '')).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(result?.account).toMatchObject({
      homeAccountId: `${sam?.objectId}.${hdc.tenantId}`,
      tenantId: hdc.tenantId,
      username: 'sam.smith@huntingdonshire.example',
      name: 'Sam Smith',
    });
    expect(result?.idTokenClaims).toMatchObject({ aud: API.clientId, oid: sam?.objectId, iss: issuer });
  });

  it('signs in by the tenant domain too, with the tenant id as issuer', async () => {
    const user = pcc.users[0];
    const result = await signIn(pcc.domain, user?.userPrincipalName ?? '');
    const claims = await verifyForApi(result?.accessToken ?? '', pcc.tenantId);
    expect(claims).toMatchObject({ tid: pcc.tenantId, oid: user?.objectId, roles: user?.roles });
  });

  it('refuses a wrong password (invalid_grant, AADSTS50126)', async () => {
    const error = await rejectionOf(signIn(hdc.tenantId, 'sam.smith@huntingdonshire.example', 'wrong'));
    expect(error.errorCode).toBe('invalid_grant');
    expect(error.errorMessage).toContain('AADSTS50126');
  });

  it("refuses a user of another council's tenant (invalid_grant, AADSTS50034)", async () => {
    const error = await rejectionOf(signIn(pcc.tenantId, 'sam.smith@huntingdonshire.example'));
    expect(error.errorCode).toBe('invalid_grant');
    expect(error.errorMessage).toContain('AADSTS50034');
  });

  it('refuses a client the tenant does not know (unauthorized_client, AADSTS700016, as Entra answers)', async () => {
    const client = new PublicClientApplication({
      auth: {
        clientId: 'deadbeef-0000-4000-8000-000000000000',
        ...msalAuthorityOptions(simulator.authorityHost, hdc.tenantId),
      },
    });
    const error = await rejectionOf(
      client.acquireTokenByUsernamePassword({
        username: 'jo.baker@huntingdonshire.example',
        password: DEMO_PASSWORD,
        scopes: [SCOPE],
      }),
    );
    expect(error.errorCode).toBe('unauthorized_client');
    expect(error.errorMessage).toContain('AADSTS700016');
  });

  it('refuses a scope of another resource (invalid_scope)', async () => {
    const error = await rejectionOf(
      publicClient(hdc.tenantId).acquireTokenByUsernamePassword({
        username: 'jo.baker@huntingdonshire.example',
        password: DEMO_PASSWORD,
        scopes: ['api://someone-else/access_as_user'],
      }),
    );
    expect(error.errorCode).toBe('invalid_scope');
  });
});

describe('client credentials through msal-node', () => {
  const daemon = (tenantId: string, clientSecret = DAEMON.clientSecret) =>
    new ConfidentialClientApplication({
      auth: { clientId: DAEMON.clientId, clientSecret, ...msalAuthorityOptions(simulator.authorityHost, tenantId) },
    });

  it('gives a daemon an app token for Graph with its application roles', async () => {
    const result = await daemon(hdc.tenantId).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const { payload } = await jwtVerify(
      result?.accessToken ?? '',
      createRemoteJWKSet(new URL(`${simulator.authorityHost}/${hdc.tenantId}/discovery/v2.0/keys`)),
      { issuer: `${simulator.authorityHost}/${hdc.tenantId}/v2.0`, audience: 'https://graph.microsoft.com' },
    );
    expect(payload).toMatchObject({
      tid: hdc.tenantId,
      azp: DAEMON.clientId,
      idtyp: 'app',
      roles: ['User.Read.All', 'Organization.Read.All'],
      ver: '2.0',
    });
    expect(payload.scp).toBeUndefined();
    expect(payload.oid).toBe(payload.sub);
    expect(payload.oid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a wrong secret (invalid_client, AADSTS7000215)', async () => {
    const error = await rejectionOf(
      daemon(hdc.tenantId, 'wrong').acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    );
    expect(error.errorCode).toBe('invalid_client');
    expect(error.errorMessage).toContain('AADSTS7000215');
  });

  it('refuses the daemon in a tenant that has not consented to it (unauthorized_client)', async () => {
    const error = await rejectionOf(
      daemon(pcc.tenantId).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }),
    );
    expect(error.errorCode).toBe('unauthorized_client');
  });

  it('shapes errors as Entra does, for an unsupported grant too', async () => {
    const response = await fetch(`${simulator.authorityHost}/${hdc.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': 'c0rre1a7' },
      body: new URLSearchParams({ grant_type: 'implicit', client_id: API.clientId }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({
      error: 'unsupported_grant_type',
      error_codes: [70003],
      correlation_id: 'c0rre1a7',
      error_description: expect.stringMatching(/^AADSTS70003: .*Trace ID: .*Correlation ID: c0rre1a7/),
    });
  });

  it('requires a /.default scope (invalid_scope, AADSTS1002012)', async () => {
    const response = await fetch(`${simulator.authorityHost}/${hdc.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DAEMON.clientId,
        client_secret: DAEMON.clientSecret,
        scope: 'https://graph.microsoft.com/User.Read.All',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
  });
});

describe('signing keys', () => {
  it('keeps tokens signed before a rotation valid, and signs new ones with the new key', async () => {
    const tenantId = tenantOf('scambs.example').tenantId;
    // As the API does: one cached key set per tenant. No cool-down here, so it refetches at once on a new kid.
    const keys = createRemoteJWKSet(new URL(`${simulator.authorityHost}/${tenantId}/discovery/v2.0/keys`), {
      cooldownDuration: 0,
    });
    const before = (await signIn(tenantId, 'chris.lee@scambs.example'))?.accessToken ?? '';
    await verifyForApi(before, tenantId, keys);
    const oldKid = decodeProtectedHeader(before).kid;

    simulator.rotateKeys(tenantId);

    const after = (await signIn(tenantId, 'mike.hill@scambs.example'))?.accessToken ?? '';
    const newKid = decodeProtectedHeader(after).kid;
    expect(newKid).not.toBe(oldKid);
    expect((await verifyForApi(after, tenantId, keys)).preferred_username).toBe('mike.hill@scambs.example');
    expect((await verifyForApi(before, tenantId, keys)).preferred_username).toBe('chris.lee@scambs.example');
    const jwks = (await (await fetch(`${simulator.authorityHost}/${tenantId}/discovery/v2.0/keys`)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    // A test can still sign with the previous key on purpose.
    const old = await simulator.signToken(
      tenantId,
      { aud: API.clientId, iss: `${simulator.authorityHost}/${tenantId}/v2.0` },
      { kid: oldKid },
    );
    expect(decodeProtectedHeader(old).kid).toBe(oldKid);
  });

  it('rotates over HTTP for development', async () => {
    const tenantId = tenantOf('cambridge.example').tenantId;
    const response = await fetch(`${simulator.authorityHost}/${tenantId}/admin/rotate-keys`, { method: 'POST' });
    const { kid } = (await response.json()) as { kid: string };
    const token = await simulator.issueUserAccessToken('alex.turner@cambridge.example');
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    await verifyForApi(token, tenantId);
  });

  it('refuses a token signed by a key the tenant does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const claims = await verifyForApi(
      await simulator.issueUserAccessToken('jo.baker@huntingdonshire.example'),
      hdc.tenantId,
    );
    const currentKid = decodeProtectedHeader(
      await simulator.issueUserAccessToken('jo.baker@huntingdonshire.example'),
    ).kid;
    const forge = (kid: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey);
    await expect(verifyForApi(await forge('unpublished-key'), hdc.tenantId)).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
    await expect(verifyForApi(await forge(currentKid ?? ''), hdc.tenantId)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('issues expired and not-yet-valid tokens for tests, which the API refuses', async () => {
    const expired = await simulator.issueUserAccessToken('ben.clarke@peterborough.example', { lifetimeSeconds: -120 });
    await expect(verifyForApi(expired, pcc.tenantId)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    const early = await simulator.issueUserAccessToken('ben.clarke@peterborough.example', {
      notBeforeOffsetSeconds: 600,
    });
    await expect(verifyForApi(early, pcc.tenantId)).rejects.toMatchObject({ claim: 'nbf' });
  });
});

describe('SigningKeyRing', () => {
  it('publishes the current key first, keeps previous ones until retired, and never retires the current one', async () => {
    const ring = await SigningKeyRing.create();
    const first = ring.current().kid;
    const second = ring.rotate();
    expect(ring.current().kid).toBe(second);
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([second, first]);
    expect(ring.find(first)).toBeDefined();
    expect(() => ring.retire(second)).toThrow(/current signing key/);
    ring.retire(first);
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([second]);
    expect(ring.find(first)).toBeUndefined();
    expect(JSON.stringify(ring.jwks())).not.toMatch(/"d"|"p"|"q"/);
  });

  it('cannot sign with a key the tenant does not hold', async () => {
    await expect(simulator.signToken(hdc.tenantId, { sub: 'x' }, { kid: 'retired-long-ago' })).rejects.toThrow(
      /no signing key/,
    );
  });
});

describe('staying offline', () => {
  it('shows why msal needs the authority options: without them it asks the public cloud first', async () => {
    const attempted: string[] = [];
    const refuseAll = async (url: string): Promise<NetworkResponse<never>> => {
      attempted.push(url);
      throw new Error('offline');
    };
    const networkClient: INetworkModule = { sendGetRequestAsync: refuseAll, sendPostRequestAsync: refuseAll };
    const client = new PublicClientApplication({
      auth: { clientId: API.clientId, authority: `${simulator.authorityHost}/${hdc.tenantId}` },
      system: { networkClient },
    });
    const error = await rejectionOf(
      client.acquireTokenByUsernamePassword({
        username: 'jo.baker@huntingdonshire.example',
        password: DEMO_PASSWORD,
        scopes: [SCOPE],
      }),
    );
    expect(error.errorCode).toBe('endpoints_resolution_error');
    expect(attempted).toEqual([
      expect.stringMatching(/^https:\/\/login\.microsoftonline\.com\/common\/discovery\/instance\?/),
    ]);
  });

  it('sent every request of msal-node and jose to the simulator and nowhere else', () => {
    expect(fetched.length).toBeGreaterThan(20);
    expect(fetched.filter((url) => !url.startsWith(`${simulator.authorityHost}/`))).toEqual([]);
  });
});
