import { describe, expect, it } from 'vitest';
import {
  AuthorizationCodes,
  CODE_LIFETIME_MS,
  type CodeGrant,
  SPA_REFRESH_LIFETIME_MS,
  verifierMatches,
} from '../../../local/tenants/authorization-codes';

// RFC 7636, appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const GRANT: CodeGrant = {
  clientId: 'spa-client',
  redirectUri: 'http://localhost:7071/',
  codeChallenge: CHALLENGE,
  nonce: 'n-0S6_WzA2Mj',
  scopes: ['api://x/access_as_user', 'openid', 'offline_access'],
  userPrincipalName: 'jo.baker@huntingdonshire.example',
  homeTenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
};
const GOOD = { clientId: GRANT.clientId, redirectUri: GRANT.redirectUri, codeVerifier: VERIFIER };

const store = (start = 1_000_000) => {
  const clock = { now: start };
  return { clock, codes: new AuthorizationCodes(() => clock.now) };
};

describe('verifierMatches (PKCE S256)', () => {
  it("accepts RFC 7636's example pair and refuses anything else", () => {
    expect(verifierMatches(VERIFIER, CHALLENGE)).toBe(true);
    expect(verifierMatches(`${VERIFIER.slice(0, -1)}l`, CHALLENGE)).toBe(false);
    // The plain method (verifier = challenge) is not S256.
    expect(verifierMatches(CHALLENGE, CHALLENGE)).toBe(false);
    // Too short for RFC 7636, and characters outside its alphabet.
    expect(verifierMatches('short', CHALLENGE)).toBe(false);
    expect(verifierMatches(`${VERIFIER}+/`, CHALLENGE)).toBe(false);
    expect(verifierMatches(VERIFIER, `${CHALLENGE}=`)).toBe(false);
  });
});

describe('AuthorizationCodes', () => {
  it('redeems a code once, for the grant it was issued for', () => {
    const { codes } = store();
    const code = codes.issueCode(GRANT);
    expect(code).toMatch(/^c\.[\w-]{43}$/);
    expect(codes.issueCode(GRANT)).not.toBe(code);
    expect(codes.redeemCode(code, GOOD)).toEqual({ ok: true, grant: GRANT });
    expect(codes.redeemCode(code, GOOD)).toEqual({ ok: false, reason: 'redeemed' });
    expect(codes.redeemCode('c.never-issued', GOOD)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('checks client, redirect URI and verifier, and a failed attempt spends the code', () => {
    const { codes } = store();
    const cases = [
      [{ ...GOOD, clientId: 'other-client' }, 'client_mismatch'],
      [{ ...GOOD, redirectUri: 'http://localhost:7071/other' }, 'redirect_mismatch'],
      [{ ...GOOD, codeVerifier: `${VERIFIER.slice(0, -1)}l` }, 'verifier_mismatch'],
      [{ ...GOOD, codeVerifier: '' }, 'verifier_mismatch'],
    ] as const;
    for (const [request, reason] of cases) {
      const code = codes.issueCode(GRANT);
      expect(codes.redeemCode(code, request)).toEqual({ ok: false, reason });
      expect(codes.redeemCode(code, GOOD)).toEqual({ ok: false, reason: 'redeemed' });
    }
  });

  it('expires a code five minutes after it was issued, by the injected clock', () => {
    const { clock, codes } = store();
    const early = codes.issueCode(GRANT);
    const late = codes.issueCode(GRANT);
    clock.now += CODE_LIFETIME_MS - 1;
    expect(codes.redeemCode(early, GOOD).ok).toBe(true);
    clock.now += 1;
    expect(codes.redeemCode(late, GOOD)).toEqual({ ok: false, reason: 'expired' });
  });

  it('does not copy a later change of the grant the caller passed in', () => {
    const { codes } = store();
    const scopes = [...GRANT.scopes];
    const code = codes.issueCode({ ...GRANT, scopes });
    scopes.push('email');
    const redeemed = codes.redeemCode(code, GOOD);
    expect(redeemed.ok && redeemed.grant.scopes).toEqual(GRANT.scopes);
  });
});

describe('refresh tokens', () => {
  const { clientId, scopes, userPrincipalName, homeTenantId } = GRANT;
  const grant = { clientId, scopes, userPrincipalName, homeTenantId };

  it('work once each, only for their client, until 24 hours after the sign-in however often they rotate', () => {
    const { clock, codes } = store();
    const first = codes.issueRefreshToken(grant);
    expect(first.expiresAt).toBe(clock.now + SPA_REFRESH_LIFETIME_MS);
    expect(first.token).toMatch(/^r\.[\w-]{43}$/);

    // Another client cannot use it, nor spend it.
    expect(codes.redeemRefreshToken(first.token, 'other-client')).toEqual({ ok: false, reason: 'client_mismatch' });
    clock.now += 23 * 3600_000;
    const redeemed = codes.redeemRefreshToken(first.token, clientId);
    expect(redeemed).toEqual({ ok: true, grant: { ...grant, expiresAt: first.expiresAt } });
    expect(codes.redeemRefreshToken(first.token, clientId)).toEqual({ ok: false, reason: 'unknown' });

    const second = codes.issueRefreshToken(grant, first.expiresAt);
    expect(second.expiresAt).toBe(first.expiresAt);
    clock.now += 3600_000;
    expect(codes.redeemRefreshToken(second.token, clientId)).toEqual({ ok: false, reason: 'expired' });
  });
});
