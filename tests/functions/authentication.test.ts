import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/all-functions';
import { OUTSIDER_TENANT, type SecuredApp, startSecuredApp } from '../support/secured-app';

const STAFF = 'jo.baker@huntingdonshire.example';
const SAMPLE_PARAMS: Record<string, string> = { id: 'risk-hdc-firewalls' };

/** Every HTTP route of the app except health, as (method, concrete path): a new route is covered automatically. */
const protectedRoutes = allFunctions
  .filter((f) => f.kind === 'http' && f.name !== 'health')
  .flatMap((f) =>
    f.kind === 'http'
      ? (f.options.methods ?? [])
          .filter((method) => method !== 'OPTIONS')
          .map((method) => ({
            name: f.name,
            method,
            path: (f.options.route ?? f.name).replace(/\{(\w+)\??\}/g, (_, key: string) => SAMPLE_PARAMS[key] ?? 'x'),
          }))
      : [],
  );

describe('every route but /api/health refuses a missing or bad token with 401', () => {
  let app: SecuredApp;
  const badTokens: Record<string, () => Promise<string | undefined>> = {};

  beforeAll(async () => {
    app = await startSecuredApp();
    const valid = await app.tokenFor(STAFF);
    const claims = decodeJwt(valid);
    const tenantId = String(claims.tid);
    const resign = (changes: Record<string, unknown>) => app.simulator.signToken(tenantId, { ...claims, ...changes });
    const now = Math.floor(Date.now() / 1000);
    Object.assign(badTokens, {
      'no token': async () => undefined,
      'a malformed token': async () => 'not.a.token',
      'an expired token': () => resign({ iat: now - 7200, nbf: now - 7200, exp: now - 600 }),
      'a token not valid yet': () => resign({ nbf: now + 600, exp: now + 4200 }),
      'a wrong audience': () => resign({ aud: 'api://some-other-api' }),
      'a wrong issuer': () => resign({ iss: `https://login.example.net/${tenantId}/v2.0` }),
      'a token without the access_as_user scope': () => resign({ scp: 'User.Read' }),
      'a token from a tenant outside the partnership': () =>
        app.tokenFor(OUTSIDER_TENANT.users[0]?.userPrincipalName as string),
      'a token signed with another key': async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(valid) as { alg: string }).sign(privateKey);
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('covers every protected route', () => {
    // Only these are not HTTP: the timers and the queue worker, which no caller reaches.
    const triggeredOtherwise = allFunctions.filter((f) => f.kind !== 'http').map((f) => f.name);
    expect(triggeredOtherwise.sort()).toEqual([
      'deliverApprovalCardOutbox',
      'reconcileLicencesOnSchedule',
      'recordHeartbeat',
      'reviewRiskTolerations',
      'runLicenceReconciliation',
    ]);
    expect(protectedRoutes.length).toBe(allFunctions.length - triggeredOtherwise.length - 1);
  });

  it('lets a valid token through', async () => {
    const response = await fetch(`${app.baseUrl}/api/me`, {
      headers: { authorization: `Bearer ${await app.tokenFor(STAFF)}` },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).caller).toMatchObject({
      partnershipId: '3c-ict',
      partnerCode: 'HDC',
      roles: ['staff'],
    });
  });

  for (const kind of [
    'no token',
    'a malformed token',
    'an expired token',
    'a token not valid yet',
    'a wrong audience',
    'a wrong issuer',
    'a token without the access_as_user scope',
    'a token from a tenant outside the partnership',
    'a token signed with another key',
  ]) {
    it(`refuses ${kind} on every route`, async () => {
      const token = await badTokens[kind]?.();
      for (const route of protectedRoutes) {
        const response = await fetch(`${app.baseUrl}/api/${route.path}`, {
          method: route.method,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 401,
        });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect((await response.json()).error.message).toMatch(
          /^(Sign-in is required|The access token is not valid)\.$/,
        );
      }
    });
  }

  it('answers health without a token', async () => {
    expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
  });
});
