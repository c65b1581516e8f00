import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { ensureLocalCertificates } from '../../../local/stack/local-certificates';
import { LOCAL_STATE_FOLDER } from '../../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../../local/stack/trust-local-ca';
import { buildDemoTenants, type DemoUser, type SimulatedTenant } from '../../../local/tenants/demo-users';
import { type RunningTenantSimulator, startTenantSimulator } from '../../../local/tenants/tenant-simulator';
import { AccessTokenVerifier } from '../../../shared/identity/access-token-verifier';

const API = {
  clientId: '7a0e1d52-5a3b-4c1e-9f00-000000000a11',
  appIdUri: 'api://7a0e1d52-5a3b-4c1e-9f00-000000000a11',
};
/** A second SPA registration, to show codes and refresh tokens are bound to their client. */
const OTHER_SPA = '5ba00000-0000-4000-8000-0000000005ba';
const SCOPE = `${API.appIdUri}/access_as_user`;
/** What MSAL.js asks for: the API's scope plus its default OpenID scopes. */
const MSAL_SCOPES = `${SCOPE} openid profile offline_access`;
const TAB_ORIGIN = 'http://localhost:7071';
const REDIRECT_URI = `${TAB_ORIGIN}/auth/redirect`;

const tenants = buildDemoTenants(loadDemoDatasets().map((dataset) => dataset.partnership));
const tenantOf = (domain: string) => tenants.find((t) => t.domain === domain) as SimulatedTenant;
const hdc = tenantOf('huntingdonshire.example');
const pcc = tenantOf('peterborough.example');
const userOf = (tenant: SimulatedTenant, upn: string) =>
  tenant.users.find((u) => u.userPrincipalName === upn) as DemoUser;
const sam = userOf(hdc, 'sam.smith@huntingdonshire.example');
const jo = userOf(hdc, 'jo.baker@huntingdonshire.example');
const nina = userOf(pcc, 'nina.patel@peterborough.example');

let simulator: RunningTenantSimulator;
/** Added to the real time by the simulator's clock: moved only to expire a code, and put back at once. */
let clockShiftMs = 0;

beforeAll(async () => {
  const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  simulator = await startTenantSimulator({
    certificates,
    tenants,
    api: API,
    publicClientIds: [API.clientId, OTHER_SPA],
    now: () => Date.now() + clockShiftMs,
  });
  trustLocalCertificateAuthority(certificates.ca);
});

afterAll(async () => {
  await simulator?.close();
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

type Flow = { params: URLSearchParams; verifier: string; state: string; nonce: string };

/** An authorization request as MSAL.js 5 builds it for loginRedirect (fragment is its default response mode). */
const newFlow = (overrides: Record<string, string | null> = {}): Flow => {
  const { verifier, challenge } = pkce();
  const state = randomBytes(12).toString('base64url');
  const nonce = randomUUID();
  const params = new URLSearchParams({
    client_id: API.clientId,
    scope: MSAL_SCOPES,
    redirect_uri: REDIRECT_URI,
    'client-request-id': randomUUID(),
    response_mode: 'fragment',
    response_type: 'code',
    'x-client-SKU': 'msal.js.browser',
    'x-client-VER': '5.30.0',
    client_info: '1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  return { params, verifier, state, nonce };
};

const authorizeUrl = (authority: string, params: URLSearchParams) =>
  `${simulator.authorityHost}/${authority}/oauth2/v2.0/authorize?${params}`;

const openAuthorize = (authority: string, params: URLSearchParams, cookie?: string) =>
  fetch(authorizeUrl(authority, params), { redirect: 'manual', headers: cookie ? { cookie } : {} });

/** What the page's form posts when a user's button is pressed: the original parameters and `username`. */
const chooseUser = (authority: string, params: URLSearchParams, username: string, cookie?: string) => {
  const body = new URLSearchParams(params);
  body.set('username', username);
  return fetch(`${simulator.authorityHost}/${authority}/oauth2/v2.0/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body,
  });
};

/** The answer the app reads at its redirect URI: the fragment, or the query. */
const answerOf = (response: Response, mode: 'fragment' | 'query' = 'fragment') => {
  expect(response.status).toBe(302);
  const location = response.headers.get('location') ?? '';
  if (mode === 'fragment') {
    expect(location.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    return new URLSearchParams(location.slice(location.indexOf('#') + 1));
  }
  expect(location).not.toContain('#');
  const url = new URL(location);
  expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
  return url.searchParams;
};

const sessionCookieOf = (response: Response): string => {
  const setCookie = response.headers.getSetCookie();
  expect(setCookie).toHaveLength(1);
  return (setCookie[0] ?? '').split(';')[0] as string;
};

/** The token request as MSAL.js sends it: a cross-origin POST from the tab, client-request-id in the query. */
const tokenRequest = (authority: string, form: Record<string, string>, origin: string | null = TAB_ORIGIN) =>
  fetch(`${simulator.authorityHost}/${authority}/oauth2/v2.0/token?client-request-id=${randomUUID()}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
      ...(origin ? { origin } : {}),
    },
    body: new URLSearchParams({ client_info: '1', 'x-client-SKU': 'msal.js.browser', ...form }),
  });

const redeem = (authority: string, code: string, flow: Flow, overrides: Record<string, string> = {}) =>
  tokenRequest(authority, {
    client_id: API.clientId,
    redirect_uri: REDIRECT_URI,
    scope: MSAL_SCOPES,
    code,
    code_verifier: flow.verifier,
    grant_type: 'authorization_code',
    ...overrides,
  });

type TokenAnswer = {
  token_type: string;
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  id_token: string;
  refresh_token: string;
  refresh_token_expires_in: number;
  client_info: string;
};

/** Signs `username` in through the page and returns the code, the flow and the session cookie. */
const signIn = async (authority: string, username: string, overrides: Record<string, string | null> = {}) => {
  const flow = newFlow(overrides);
  const response = await chooseUser(authority, flow.params, username);
  const answer = answerOf(response);
  return { flow, code: answer.get('code') ?? '', answer, cookie: sessionCookieOf(response) };
};

const tokensFor = async (authority: string, username: string) => {
  const { flow, code } = await signIn(authority, username);
  const response = await redeem(authority, code, flow);
  expect(response.status).toBe(200);
  return (await response.json()) as TokenAnswer;
};

const verifier = () => new AccessTokenVerifier({ authorityHost: simulator.authorityHost, audiences: [API.clientId] });

const expectInvalidGrant = async (response: Response, code: number) => {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: string; error_codes: number[]; error_description: string };
  expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [code] });
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
};

const buttonsOf = (page: string) => [...page.matchAll(/<button type="submit" name="username" value="([^"]+)"/g)];

describe('metadata of the multi-tenant authorities', () => {
  it('publishes organizations and common, in any case, with the issuer template and their own endpoints', async () => {
    for (const name of ['organizations', 'Common']) {
      const response = await fetch(`${simulator.authorityHost}/${name}/v2.0/.well-known/openid-configuration`);
      expect(response.status).toBe(200);
      const base = `${simulator.authorityHost}/${name.toLowerCase()}`;
      expect(await response.json()).toMatchObject({
        issuer: `${simulator.authorityHost}/{tenantid}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    const tenant = await fetch(`${simulator.authorityHost}/${hdc.domain}/v2.0/.well-known/openid-configuration`);
    expect(await tenant.json()).toMatchObject({
      issuer: `${simulator.authorityHost}/${hdc.tenantId}/v2.0`,
      authorization_endpoint: `${simulator.authorityHost}/${hdc.tenantId}/oauth2/v2.0/authorize`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it("publishes every tenant's signing keys under organizations", async () => {
    const keysOf = async (authority: string) =>
      (
        (await (await fetch(`${simulator.authorityHost}/${authority}/discovery/v2.0/keys`)).json()) as {
          keys: { kid: string }[];
        }
      ).keys.map((k) => k.kid);
    const all = await keysOf('organizations');
    const each = (await Promise.all(tenants.map((t) => keysOf(t.tenantId)))).flat();
    expect(all).toEqual(each);
    expect(new Set(all).size).toBe(tenants.length);
  });
});

describe('the sign-in page', () => {
  it("lists the tenant's users, one button each, in a form that carries the request, under a strict CSP", async () => {
    const { params, state } = newFlow({ login_hint: jo.userPrincipalName });
    const response = await openAuthorize(hdc.domain, params);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${TAB_ORIGIN}; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toMatch(/<title>Sign in to Huntingdonshire District Council \(tenant simulator\)<\/title>/);
    expect(page).toContain('<h1>Sign in</h1>');
    expect(page).toContain('there is no password');
    expect(page).not.toContain('<script');
    expect(page).toContain(`<form method="post" action="/${hdc.domain}/oauth2/v2.0/authorize">`);
    expect(page).toContain(`<input type="hidden" name="state" value="${state}">`);
    expect(page).toContain(`<input type="hidden" name="code_challenge" value="${params.get('code_challenge')}">`);
    // The hinted user first, with the focus; then the others in directory order.
    const buttons = buttonsOf(page).map((m) => m[1]);
    expect(buttons).toEqual([
      jo.userPrincipalName,
      ...hdc.users.map((u) => u.userPrincipalName).filter((upn) => upn !== jo.userPrincipalName),
    ]);
    expect(page).toContain(`value="${jo.userPrincipalName}" autofocus>`);
    for (const user of hdc.users) expect(page).toContain(`<span class="name">${user.displayName}`);
    expect(page).toContain(`<span class="detail">${hdc.displayName}</span>`);
    expect(page).not.toContain(pcc.domain);
  });

  it('groups the users of every tenant under organizations, the hinted one first', async () => {
    const response = await openAuthorize('organizations', newFlow({ login_hint: nina.userPrincipalName }).params);
    expect(response.status).toBe(200);
    const page = await response.text();
    const withUsers = tenants.filter((t) => t.users.length > 0);
    expect(buttonsOf(page)).toHaveLength(withUsers.reduce((sum, t) => sum + t.users.length, 0));
    const headings = [...page.matchAll(/<h2 id="tenant-\d+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toHaveLength(withUsers.length);
    expect(headings[0]).toBe(pcc.displayName);
    expect(buttonsOf(page)[0]?.[1]).toBe(nina.userPrincipalName);
    expect(page).toContain('<title>Sign in to your council (tenant simulator)</title>');
  });

  it('escapes what the app sent', async () => {
    const { params } = newFlow({ state: '"><script>alert(1)</script>' });
    const page = await (await openAuthorize(hdc.tenantId, params)).text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

describe('authorization code with PKCE', () => {
  it('redirects with code and state in the fragment and sets a cross-site session cookie', async () => {
    const flow = newFlow();
    const response = await chooseUser(hdc.tenantId, flow.params, sam.userPrincipalName);
    const answer = answerOf(response);
    expect([...answer.keys()]).toEqual(['code', 'client_info', 'state']);
    expect(answer.get('state')).toBe(flow.state);
    expect(answer.get('code')).toMatch(/^c\.[\w-]{43}$/);
    expect(JSON.parse(Buffer.from(answer.get('client_info') ?? '', 'base64url').toString())).toEqual({
      uid: sam.objectId,
      utid: hdc.tenantId,
    });
    const [cookie] = response.headers.getSetCookie();
    const port = new URL(simulator.authorityHost).port;
    expect(cookie).toMatch(
      new RegExp(`^__Host-tenant-simulator-${port}=[\\w-]{43}; Path=/; Secure; HttpOnly; SameSite=None$`),
    );
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('exchanges the code for tokens the API accepts, an id token with the nonce, and a refresh token', async () => {
    const { flow, code } = await signIn(hdc.tenantId, sam.userPrincipalName);
    const response = await redeem(hdc.tenantId, code, flow);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(TAB_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toBe('client-request-id');
    const tokens = (await response.json()) as TokenAnswer;
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      scope: SCOPE,
      expires_in: 3600,
      ext_expires_in: 3600,
      refresh_token: expect.stringMatching(/^r\.[\w-]{43}$/),
    });
    // 24 hours from the sign-in, counted down to whole seconds: a second may have passed since.
    expect(tokens.refresh_token_expires_in).toBeGreaterThanOrEqual(86_399);
    expect(tokens.refresh_token_expires_in).toBeLessThanOrEqual(86_400);
    expect(JSON.parse(Buffer.from(tokens.client_info, 'base64url').toString())).toEqual({
      uid: sam.objectId,
      utid: hdc.tenantId,
    });

    const verified = await verifier().verify(tokens.access_token, hdc.tenantId);
    expect(verified).toEqual({
      tenantId: hdc.tenantId,
      objectId: sam.objectId,
      name: 'Sam Smith',
      roles: ['staff', 'partnership-admin'],
    });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ azp: API.clientId, scp: 'access_as_user' });

    const { payload } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(`${simulator.authorityHost}/${hdc.tenantId}/discovery/v2.0/keys`)),
      { issuer: `${simulator.authorityHost}/${hdc.tenantId}/v2.0`, audience: API.clientId },
    );
    expect(payload).toMatchObject({
      nonce: flow.nonce,
      tid: hdc.tenantId,
      oid: sam.objectId,
      preferred_username: sam.userPrincipalName,
    });
  });

  it('answers in the query when the app asks for response_mode=query', async () => {
    const flow = newFlow({ response_mode: 'query' });
    const answer = answerOf(await chooseUser(hdc.tenantId, flow.params, jo.userPrincipalName), 'query');
    expect(answer.get('state')).toBe(flow.state);
    expect((await redeem(hdc.tenantId, answer.get('code') ?? '', flow)).status).toBe(200);
  });

  it("has the user's home tenant issue the tokens when the sign-in went through organizations", async () => {
    const tokens = await tokensFor('organizations', nina.userPrincipalName);
    const claims = decodeJwt(tokens.access_token);
    expect(claims.iss).toBe(`${simulator.authorityHost}/${pcc.tenantId}/v2.0`);
    expect(claims.tid).toBe(pcc.tenantId);
    expect((await verifier().verify(tokens.access_token, pcc.tenantId)).objectId).toBe(nina.objectId);
    expect(decodeJwt(tokens.id_token).iss).toBe(`${simulator.authorityHost}/${pcc.tenantId}/v2.0`);
    // The API refuses it for any other tenant.
    await expect(verifier().verify(tokens.access_token, hdc.tenantId)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });

  it("takes the request as a form POST too, as MSAL.js sends it with httpMethod 'POST'", async () => {
    const postAuthorize = (params: URLSearchParams, cookie?: string) =>
      fetch(`${simulator.authorityHost}/organizations/oauth2/v2.0/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: params,
      });
    const page = await postAuthorize(newFlow().params);
    expect(page.status).toBe(200);
    expect(buttonsOf(await page.text()).length).toBeGreaterThan(hdc.users.length);
    const { cookie } = await signIn(hdc.tenantId, sam.userPrincipalName);
    const flow = newFlow({ prompt: 'none' });
    const answer = answerOf(await postAuthorize(flow.params, cookie));
    expect(answer.get('state')).toBe(flow.state);
    expect((await redeem('organizations', answer.get('code') ?? '', flow)).status).toBe(200);
  });

  it("refuses a user who is not in the authority's tenant, on the page again", async () => {
    const flow = newFlow();
    const response = await chooseUser(hdc.tenantId, flow.params, nina.userPrincipalName);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).toContain(`<p role="alert">${nina.userPrincipalName} is not a demo user`);
  });
});

describe('the token endpoint refuses codes as Entra does (invalid_grant)', () => {
  it('a code used twice (AADSTS54005)', async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    expect((await redeem(hdc.tenantId, code, flow)).status).toBe(200);
    await expectInvalidGrant(await redeem(hdc.tenantId, code, flow), 54005);
  });

  it('a wrong code_verifier (AADSTS501481), which spends the code', async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    await expectInvalidGrant(await redeem(hdc.tenantId, code, flow, { code_verifier: pkce().verifier }), 501481);
    await expectInvalidGrant(await redeem(hdc.tenantId, code, flow), 54005);
  });

  it('another redirect_uri than the one the code was issued to (AADSTS500112)', async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    await expectInvalidGrant(
      await redeem(hdc.tenantId, code, flow, { redirect_uri: `${TAB_ORIGIN}/elsewhere` }),
      500112,
    );
  });

  it('another client than the one the code was issued to (AADSTS70000)', async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    await expectInvalidGrant(await redeem(hdc.tenantId, code, flow, { client_id: OTHER_SPA }), 70000);
  });

  it('a code five minutes old (AADSTS70008)', async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    clockShiftMs = 5 * 60_000;
    try {
      await expectInvalidGrant(await redeem(hdc.tenantId, code, flow), 70008);
    } finally {
      clockShiftMs = 0;
    }
  });

  it("a code redeemed at another tenant than the user's (AADSTS700005)", async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    await expectInvalidGrant(await redeem(pcc.tenantId, code, flow), 700005);
  });

  it('a made-up code (AADSTS70000)', async () => {
    await expectInvalidGrant(await redeem(hdc.tenantId, 'c.made-up', newFlow()), 70000);
  });

  it('redeems only cross-origin, from a browser page, as for any SPA (AADSTS9002327)', async () => {
    const { flow, code } = await signIn(hdc.tenantId, jo.userPrincipalName);
    const response = await tokenRequest(
      hdc.tenantId,
      {
        client_id: API.clientId,
        redirect_uri: REDIRECT_URI,
        scope: MSAL_SCOPES,
        code,
        code_verifier: flow.verifier,
        grant_type: 'authorization_code',
      },
      null,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_codes: [9002327] });
  });
});

describe('refresh tokens', () => {
  const refresh = (authority: string, refreshToken: string, clientId = API.clientId) =>
    tokenRequest(authority, {
      client_id: clientId,
      scope: MSAL_SCOPES,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    });

  it('rotate: each use gives new tokens and a new refresh token, and the old one stops working', async () => {
    const first = await tokensFor('organizations', sam.userPrincipalName);
    const response = await refresh('organizations', first.refresh_token);
    expect(response.status).toBe(200);
    const second = (await response.json()) as TokenAnswer;
    expect(second.refresh_token).toMatch(/^r\.[\w-]{43}$/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.refresh_token_expires_in).toBeLessThanOrEqual(first.refresh_token_expires_in);
    expect((await verifier().verify(second.access_token, hdc.tenantId)).objectId).toBe(sam.objectId);
    expect(decodeJwt(second.id_token).nonce).toBeUndefined();
    await expectInvalidGrant(await refresh('organizations', first.refresh_token), 70000);
    // At the user's own tenant too; the newest token is the one that works.
    expect((await refresh(hdc.tenantId, second.refresh_token)).status).toBe(200);
  });

  it('work for their own client only, and another client cannot spend them', async () => {
    const { refresh_token } = await tokensFor(hdc.tenantId, jo.userPrincipalName);
    await expectInvalidGrant(await refresh(hdc.tenantId, refresh_token, OTHER_SPA), 70000);
    expect((await refresh(hdc.tenantId, refresh_token)).status).toBe(200);
  });

  it('come only with offline_access', async () => {
    const flow = newFlow({ scope: `${SCOPE} openid profile` });
    const code = answerOf(await chooseUser(hdc.tenantId, flow.params, jo.userPrincipalName)).get('code') ?? '';
    const tokens = (await (await redeem(hdc.tenantId, code, flow)).json()) as Partial<TokenAnswer>;
    expect(tokens.access_token).toBeDefined();
    expect(tokens.refresh_token).toBeUndefined();
  });
});

describe('requests that cannot be answered at the redirect URI', () => {
  const expectErrorPage = async (response: Response, code: number) => {
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'none'");
    const page = await response.text();
    expect(page).toContain('<h1>Sign-in failed</h1>');
    expect(page).toContain(`AADSTS${code}: `);
    return page;
  };

  it('a redirect URI that is not on a loopback host gets an error page and no redirect', async () => {
    for (const redirectUri of [
      'https://evil.example/callback',
      'http://localhost.evil.example/',
      'ftp://localhost/',
      'http://user:pw@localhost:7071/',
      'http://localhost:7071/#x',
    ]) {
      const { params } = newFlow({ redirect_uri: redirectUri });
      const page = await expectErrorPage(await openAuthorize(hdc.tenantId, params), 50011);
      expect(page).not.toContain('href=');
      // Posting the form with a tampered redirect URI is re-validated the same way.
      await expectErrorPage(await chooseUser(hdc.tenantId, params, sam.userPrincipalName), 50011);
    }
  });

  it('an app that is not registered gets an error page and no redirect', async () => {
    const { params } = newFlow({ client_id: 'deadbeef-0000-4000-8000-000000000000' });
    await expectErrorPage(await openAuthorize(hdc.tenantId, params), 700016);
    await expectErrorPage(await chooseUser('organizations', params, sam.userPrincipalName), 700016);
    await expectErrorPage(await openAuthorize(hdc.tenantId, newFlow({ client_id: null }).params), 900144);
  });

  it('an unknown tenant gets an error page', async () => {
    await expectErrorPage(await openAuthorize('nowhere.example', newFlow().params), 90002);
  });
});

describe('errors that go back to the app', () => {
  const errorAt = async (overrides: Record<string, string | null>, mode: 'fragment' | 'query' = 'fragment') => {
    const flow = newFlow(overrides);
    const answer = answerOf(await openAuthorize(hdc.tenantId, flow.params), mode);
    expect(answer.get('state')).toBe(flow.state);
    expect(answer.get('code')).toBeNull();
    return { error: answer.get('error'), description: answer.get('error_description') ?? '' };
  };

  it('refuses a request without PKCE, or with the plain method', async () => {
    expect(await errorAt({ code_challenge: null })).toMatchObject({
      error: 'invalid_request',
      description: expect.stringMatching(/^AADSTS9002325: Proof Key for Code Exchange is required/),
    });
    expect((await errorAt({ code_challenge_method: 'plain' })).error).toBe('invalid_request');
    expect((await errorAt({ code_challenge_method: null })).error).toBe('invalid_request');
  });

  it('refuses another response type, in the mode the app asked for', async () => {
    expect((await errorAt({ response_type: 'token' })).error).toBe('unsupported_response_type');
    expect((await errorAt({ response_type: 'id_token', response_mode: 'query' }, 'query')).error).toBe(
      'unsupported_response_type',
    );
  });

  it("refuses scopes other than the API's and the OpenID ones", async () => {
    expect(
      await errorAt({ scope: 'https://graph.microsoft.com/User.Read openid profile offline_access' }),
    ).toMatchObject({ error: 'invalid_scope', description: expect.stringMatching(/^AADSTS70011: /) });
    expect((await errorAt({ scope: 'openid profile offline_access' })).error).toBe('invalid_scope');
    // The API's .default is as good as its named scope: the page is shown.
    const page = await openAuthorize(hdc.tenantId, newFlow({ scope: `${API.appIdUri}/.default openid` }).params);
    expect(page.status).toBe(200);
  });

  it('refuses an unknown prompt, and form_post (a SPA cannot receive it) in the query', async () => {
    expect((await errorAt({ prompt: 'sometimes' })).error).toBe('invalid_request');
    expect((await errorAt({ response_mode: 'form_post' }, 'query')).error).toBe('invalid_request');
  });
});

describe('silent sign-in (prompt=none), as MSAL.js does it in a hidden iframe', () => {
  it('without a session redirects with login_required, with nothing that forbids framing', async () => {
    const flow = newFlow({ prompt: 'none' });
    const response = await openAuthorize(hdc.tenantId, flow.params);
    const answer = answerOf(response);
    expect(answer.get('error')).toBe('login_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(answer.get('state')).toBe(flow.state);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy')).toBeNull();
  });

  it("with the browser's session returns a code at once, which redeems", async () => {
    const { cookie } = await signIn(hdc.tenantId, sam.userPrincipalName);
    for (const authority of [hdc.tenantId, 'organizations', 'common']) {
      const flow = newFlow({ prompt: 'none', login_hint: sam.userPrincipalName });
      const response = await openAuthorize(authority, flow.params, cookie);
      const answer = answerOf(response);
      expect(answer.get('error')).toBeNull();
      expect(answer.get('state')).toBe(flow.state);
      expect(response.headers.get('x-frame-options')).toBeNull();
      const tokens = (await (await redeem(authority, answer.get('code') ?? '', flow)).json()) as TokenAnswer;
      expect((await verifier().verify(tokens.access_token, hdc.tenantId)).objectId).toBe(sam.objectId);
    }
  });

  it('needs interaction when the signed-in user is not the hinted one or not of that tenant', async () => {
    const { cookie } = await signIn(hdc.tenantId, sam.userPrincipalName);
    const other = answerOf(
      await openAuthorize(hdc.tenantId, newFlow({ prompt: 'none', login_hint: jo.userPrincipalName }).params, cookie),
    );
    expect(other.get('error')).toBe('interaction_required');
    const elsewhere = answerOf(await openAuthorize(pcc.tenantId, newFlow({ prompt: 'none' }).params, cookie));
    expect(elsewhere.get('error')).toBe('interaction_required');
  });

  it('shows the page for the other prompts even with a session', async () => {
    const { cookie } = await signIn(hdc.tenantId, sam.userPrincipalName);
    for (const prompt of ['login', 'select_account', 'consent']) {
      const response = await openAuthorize(hdc.tenantId, newFlow({ prompt }).params, cookie);
      expect(response.status).toBe(200);
      expect(buttonsOf(await response.text())).toHaveLength(hdc.users.length);
    }
  });

  it('a cookie value the simulator never issued is no session', async () => {
    const port = new URL(simulator.authorityHost).port;
    const forged = `__Host-tenant-simulator-${port}=${randomBytes(32).toString('base64url')}`;
    const answer = answerOf(await openAuthorize(hdc.tenantId, newFlow({ prompt: 'none' }).params, forged));
    expect(answer.get('error')).toBe('login_required');
  });
});

describe('logout', () => {
  const logout = (authority: string, query: Record<string, string>, cookie: string) =>
    fetch(`${simulator.authorityHost}/${authority}/oauth2/v2.0/logout?${new URLSearchParams(query)}`, {
      redirect: 'manual',
      headers: { cookie },
    });

  it('ends the session and returns to a loopback post_logout_redirect_uri', async () => {
    const { cookie } = await signIn('organizations', jo.userPrincipalName);
    const response = await logout('organizations', { post_logout_redirect_uri: `${TAB_ORIGIN}/`, state: 's1' }, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${TAB_ORIGIN}/?state=s1`);
    const [cleared] = response.headers.getSetCookie();
    expect(cleared).toMatch(/^__Host-tenant-simulator-\d+=; Path=\/; Secure; HttpOnly; SameSite=None; Max-Age=0$/);
    // The old cookie no longer names a session, even if the browser kept it.
    const answer = answerOf(await openAuthorize(hdc.tenantId, newFlow({ prompt: 'none' }).params, cookie));
    expect(answer.get('error')).toBe('login_required');
  });

  it('shows a signed-out page rather than go to any other address', async () => {
    const { cookie } = await signIn(hdc.tenantId, jo.userPrincipalName);
    const response = await logout(hdc.tenantId, { post_logout_redirect_uri: 'https://evil.example/' }, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()[0]).toMatch(/Max-Age=0$/);
    const page = await response.text();
    expect(page).toContain('<h1>Signed out</h1>');
    expect(page).toContain('<html lang="en">');
  });
});

describe('CORS for MSAL.js in the tab', () => {
  const MSAL_HEADERS =
    'client-request-id,content-type,x-anchormailbox,x-client-cpu,x-client-os,x-client-sku,x-client-ver,x-ms-lib-capability';
  const preflight = (origin: string) =>
    fetch(`${simulator.authorityHost}/organizations/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': MSAL_HEADERS },
    });

  it("allows a loopback origin with MSAL's headers", async () => {
    for (const origin of [TAB_ORIGIN, 'https://127.0.0.1:53000', 'http://[::1]:7071']) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toBe(MSAL_HEADERS);
    }
  });

  it('gives any other origin no CORS headers at all', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-headers')).toBeNull();
      expect(response.headers.get('access-control-expose-headers')).toBeNull();
    }
  });
});

describe('the other grants at organizations', () => {
  it("finds a password sign-in's home tenant, and refuses a daemon (AADSTS50059)", async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${simulator.authorityHost}/organizations/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
    const password = await post({
      grant_type: 'password',
      client_id: API.clientId,
      username: nina.userPrincipalName,
      password: 'demo',
      scope: SCOPE,
    });
    expect(password.status).toBe(200);
    const { access_token } = (await password.json()) as TokenAnswer;
    expect((await verifier().verify(access_token, pcc.tenantId)).objectId).toBe(nina.objectId);
    const daemon = await post({
      grant_type: 'client_credentials',
      client_id: API.clientId,
      client_secret: 'x',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(daemon.status).toBe(400);
    expect(await daemon.json()).toMatchObject({ error: 'invalid_request', error_codes: [50059] });
  });
});
