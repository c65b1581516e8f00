import type { Authorities, Authority } from './authorities';
import type { AuthorizationCodes, Grant, Redemption } from './authorization-codes';
import {
  codeAlreadyRedeemed,
  codeExpired,
  codeForOtherTenant,
  crossOriginRequired,
  type EntraError,
  malformedGrant,
  missing,
  redirectUriMismatch,
  spaRefreshTokenExpired,
  unknownClient,
  unknownUser,
  verifierMismatch,
} from './entra-errors';
import { checkUserScopes, type TokenIssuer } from './token-issuer';

export type CodeGrantsOptions = {
  authorities: Authorities;
  codes: AuthorizationCodes;
  issuer: TokenIssuer;
  api: { appIdUri: string };
  publicClientIds: string[];
  now: () => number;
};

/**
 * The token endpoint's grants for a single-page app: the authorization code of the browser sign-in (with PKCE)
 * and the refresh token that keeps it signed in. As Entra does for a SPA registration, both must come from a
 * browser page (an Origin header: cross-origin only), and every refusal of the code or token is invalid_grant.
 * Tokens always come from the user's home tenant, even when the sign-in went through organizations/common.
 */
export class CodeGrants {
  constructor(private readonly options: CodeGrantsOptions) {}

  async authorizationCode(authority: Authority, form: URLSearchParams, origin: string | undefined) {
    const clientId = this.publicClient(authority, form, origin);
    const code = required(form, 'code');
    const redirectUri = required(form, 'redirect_uri');
    const scope = required(form, 'scope');
    checkUserScopes(this.options.api.appIdUri, scope);
    const redemption = this.options.codes.redeemCode(code, {
      clientId,
      redirectUri,
      codeVerifier: form.get('code_verifier') ?? '',
    });
    if (!redemption.ok) throw refusal(redemption.reason);
    const { grant } = redemption;
    const { tenant, user } = this.userOf(grant, authority, codeForOtherTenant);
    const tokens = await this.options.issuer.userTokens(tenant, user, clientId, {
      idToken: grant.scopes.includes('openid'),
      nonce: grant.nonce,
    });
    return { ...tokens, ...this.newRefreshToken(grant) };
  }

  async refreshToken(authority: Authority, form: URLSearchParams, origin: string | undefined) {
    const clientId = this.publicClient(authority, form, origin);
    const token = required(form, 'refresh_token');
    const scope = required(form, 'scope');
    checkUserScopes(this.options.api.appIdUri, scope);
    const redemption = this.options.codes.redeemRefreshToken(token, clientId);
    if (!redemption.ok) throw refusal(redemption.reason, spaRefreshTokenExpired);
    const { grant } = redemption;
    const { tenant, user } = this.userOf(grant, authority, () => unknownUser(authority.segment));
    const tokens = await this.options.issuer.userTokens(tenant, user, clientId, {
      idToken: grant.scopes.includes('openid'),
    });
    return { ...tokens, ...this.newRefreshToken(grant, grant.expiresAt) };
  }

  /** Only a registered public client, from a browser page, as Entra requires of a SPA's codes and tokens. */
  private publicClient(authority: Authority, form: URLSearchParams, origin: string | undefined): string {
    const clientId = required(form, 'client_id');
    if (!this.options.publicClientIds.includes(clientId))
      throw unknownClient(clientId, authority.tenant?.displayName ?? authority.segment);
    if (!origin) throw crossOriginRequired();
    return clientId;
  }

  private userOf(grant: Grant, authority: Authority, elsewhere: () => EntraError) {
    const home = this.options.authorities.tenant(grant.homeTenantId);
    const user = home?.users.find((u) => u.userPrincipalName.toLowerCase() === grant.userPrincipalName.toLowerCase());
    if (!home || !user) throw malformedGrant();
    if (!this.options.authorities.serves(authority, home)) throw elsewhere();
    return { tenant: home, user };
  }

  /** A refresh token only for offline_access, as Entra gives one; its lifetime counts from the sign-in. */
  private newRefreshToken(grant: Grant, expiresAt?: number) {
    if (!grant.scopes.includes('offline_access')) return {};
    const issued = this.options.codes.issueRefreshToken(grant, expiresAt);
    return {
      refresh_token: issued.token,
      refresh_token_expires_in: Math.max(0, Math.floor((issued.expiresAt - this.options.now()) / 1000)),
    };
  }
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw missing(name);
  return value;
}

function refusal(reason: Extract<Redemption<unknown>, { ok: false }>['reason'], expired = codeExpired): EntraError {
  switch (reason) {
    case 'redeemed':
      return codeAlreadyRedeemed();
    case 'expired':
      return expired();
    case 'verifier_mismatch':
      return verifierMismatch();
    case 'redirect_mismatch':
      return redirectUriMismatch();
    default:
      return malformedGrant();
  }
}
