import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { unauthenticated } from '../errors';

/** What the API takes from a verified Microsoft Entra v2 access token. */
export type VerifiedToken = {
  tenantId: string;
  objectId: string;
  name: string;
  roles: readonly string[];
};

export type AccessTokenVerifierOptions = {
  /** https://login.microsoftonline.com, a national cloud's host, or the local tenant simulator. */
  authorityHost: string;
  /** The API's client id and application ID URI: either may be the token's audience. */
  audiences: string[];
  /** The delegated scope a Teams tab's token must carry. */
  requiredScope?: string;
  clockToleranceSeconds?: number;
  /** How long after fetching a tenant's keys an unknown key id waits before they are fetched again. */
  refetchCooldownMs?: number;
  /** How many verified tokens to remember; the tab sends the same token with every request for up to an hour. */
  rememberedTokens?: number;
  now?: () => number;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the tenant a token claims to come from, before verifying it, to pick the keys to verify it with. */
export function claimedTenant(token: string): string {
  try {
    const tid = decodeJwt(token).tid;
    if (typeof tid === 'string' && GUID.test(tid)) return tid.toLowerCase();
  } catch {
    // fall through: a malformed token is refused like any other bad credential
  }
  throw unauthenticated('The access token is not valid.');
}

/**
 * Verifies bearer tokens as Microsoft Entra ID issues them to the product's API (v2 access tokens): signature by
 * the issuing tenant's published keys, expiry and not-before with a small clock skew, audience, issuer bound to
 * the tenant, and the delegated scope. Keys are fetched per tenant and cached; jose refetches on an unknown key
 * id, which is how a key rotation reaches us. Every failure is the same 401, so a caller learns nothing.
 *
 * A token that verified is remembered, by its whole text, until it expires: the same token comes with every
 * request of a session, and checking its signature again proves nothing new.
 */
export class AccessTokenVerifier {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly remembered = new Map<string, { verified: VerifiedToken; expiresAt: number }>();

  constructor(private readonly options: AccessTokenVerifierOptions) {}

  /** `tenantId` must already be known to belong to a partnership: only such tenants' keys are ever fetched. */
  async verify(token: string, tenantId: string): Promise<VerifiedToken> {
    const now = this.options.now?.() ?? Date.now();
    const known = this.remembered.get(token);
    if (known && known.verified.tenantId === tenantId && known.expiresAt > now) return known.verified;
    const { authorityHost, audiences, requiredScope = 'access_as_user', clockToleranceSeconds = 60 } = this.options;
    try {
      const { payload } = await jwtVerify(token, this.keysOf(tenantId), {
        issuer: `${authorityHost}/${tenantId}/v2.0`,
        audience: audiences,
        algorithms: ['RS256'],
        clockTolerance: clockToleranceSeconds,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'nbf', 'iat', 'tid', 'oid', 'scp'],
      });
      const scopes = String(payload.scp).split(' ');
      if (String(payload.tid).toLowerCase() !== tenantId || !scopes.includes(requiredScope)) throw new Error('claims');
      const verified: VerifiedToken = {
        tenantId,
        objectId: String(payload.oid),
        name: typeof payload.name === 'string' ? payload.name : String(payload.oid),
        roles: Object.freeze(Array.isArray(payload.roles) ? payload.roles.map(String) : []),
      };
      Object.freeze(verified);
      this.remember(token, verified, Number(payload.exp) * 1000);
      return verified;
    } catch {
      throw unauthenticated('The access token is not valid.');
    }
  }

  /** Oldest first out: a Map iterates in insertion order. */
  private remember(token: string, verified: VerifiedToken, expiresAt: number): void {
    const limit = this.options.rememberedTokens ?? 10_000;
    if (limit <= 0) return;
    this.remembered.delete(token);
    while (this.remembered.size >= limit) {
      const oldest = this.remembered.keys().next().value;
      if (oldest === undefined) break;
      this.remembered.delete(oldest);
    }
    this.remembered.set(token, { verified, expiresAt });
  }

  private keysOf(tenantId: string): ReturnType<typeof createRemoteJWKSet> {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      const url = new URL(`${this.options.authorityHost}/${tenantId}/discovery/v2.0/keys`);
      keys = createRemoteJWKSet(url, {
        cooldownDuration: this.options.refetchCooldownMs ?? 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5_000,
      });
      this.keySets.set(tenantId, keys);
    }
    return keys;
  }
}
