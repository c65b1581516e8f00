import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a sign-in granted: to whom, for which client and scopes. The home tenant issues the tokens. */
export type Grant = {
  clientId: string;
  scopes: string[];
  userPrincipalName: string;
  homeTenantId: string;
};

/** A code remembers the authorization request it answers, so the token request can be checked against it. */
export type CodeGrant = Grant & { redirectUri: string; codeChallenge: string; nonce: string | undefined };

export type RefreshGrant = Grant & { expiresAt: number };

export type Redemption<T> =
  | { ok: true; grant: T }
  | {
      ok: false;
      reason: 'unknown' | 'redeemed' | 'expired' | 'client_mismatch' | 'redirect_mismatch' | 'verifier_mismatch';
    };

export const CODE_LIFETIME_MS = 5 * 60_000;
/** Entra gives a single-page app's refresh tokens a fixed 24 hours from sign-in, however often they rotate. */
export const SPA_REFRESH_LIFETIME_MS = 24 * 3600_000;

const FORGET_AFTER_MS = 60 * 60_000;

/** RFC 7636: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** The S256 challenge is a base64url SHA-256: always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export const isS256Challenge = (challenge: string) => S256_CHALLENGE.test(challenge);

/** The PKCE check (S256 only, as a SPA registration uses): the verifier hashes to the challenge. */
export function verifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  if (!CODE_VERIFIER.test(codeVerifier) || !isS256Challenge(codeChallenge)) return false;
  const hashed = Buffer.from(createHash('sha256').update(codeVerifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(codeChallenge);
  return hashed.length === expected.length && timingSafeEqual(hashed, expected);
}

/**
 * Authorization codes and refresh tokens of the browser sign-in, in memory. A code is good for five minutes and
 * for one redemption attempt: a failed attempt spends it too, so a stolen code cannot be tried against verifiers.
 * A refresh token is replaced by a new one each time it is used, the old one stops working, and the chain ends
 * 24 hours after the sign-in. Values are random and opaque; the clock is injected so tests can expire them.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, { grant: CodeGrant; expiresAt: number; spent: boolean }>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly now: () => number) {}

  issueCode(grant: CodeGrant): string {
    this.sweep();
    const code = opaque('c');
    this.codes.set(code, {
      grant: { ...grant, scopes: [...grant.scopes] },
      expiresAt: this.now() + CODE_LIFETIME_MS,
      spent: false,
    });
    return code;
  }

  redeemCode(
    code: string,
    request: { clientId: string; redirectUri: string; codeVerifier: string },
  ): Redemption<CodeGrant> {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.spent) return { ok: false, reason: 'redeemed' };
    entry.spent = true;
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'expired' };
    const { grant } = entry;
    if (grant.clientId !== request.clientId) return { ok: false, reason: 'client_mismatch' };
    if (grant.redirectUri !== request.redirectUri) return { ok: false, reason: 'redirect_mismatch' };
    if (!verifierMatches(request.codeVerifier, grant.codeChallenge)) return { ok: false, reason: 'verifier_mismatch' };
    return { ok: true, grant };
  }

  /** A new refresh token; `expiresAt` carries over from the token it replaces (the SPA lifetime is fixed). */
  issueRefreshToken(
    grant: Grant,
    expiresAt = this.now() + SPA_REFRESH_LIFETIME_MS,
  ): { token: string; expiresAt: number } {
    this.sweep();
    const token = opaque('r');
    this.refreshTokens.set(token, {
      clientId: grant.clientId,
      scopes: [...grant.scopes],
      userPrincipalName: grant.userPrincipalName,
      homeTenantId: grant.homeTenantId,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** Spends the token: the caller issues its successor. Another client cannot spend it. */
  redeemRefreshToken(token: string, clientId: string): Redemption<RefreshGrant> {
    const grant = this.refreshTokens.get(token);
    if (!grant) return { ok: false, reason: 'unknown' };
    if (grant.clientId !== clientId) return { ok: false, reason: 'client_mismatch' };
    this.refreshTokens.delete(token);
    if (this.now() >= grant.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  /**
   * Forgets entries a while after they expire, so a long-running simulator does not grow, while a late or
   * repeated redemption is still told "expired" or "already redeemed" rather than "unknown".
   */
  private sweep(): void {
    const before = this.now() - FORGET_AFTER_MS;
    for (const [code, entry] of this.codes) if (entry.expiresAt < before) this.codes.delete(code);
    for (const [token, grant] of this.refreshTokens) if (grant.expiresAt < before) this.refreshTokens.delete(token);
  }
}

/** 256 random bits, with a prefix that says what it is when it turns up in a log. */
function opaque(prefix: string): string {
  return `${prefix}.${randomBytes(32).toString('base64url')}`;
}
