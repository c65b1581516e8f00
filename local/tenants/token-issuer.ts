import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { type DemoUser, objectIdOf, type SimulatedTenant } from './demo-users';
import {
  invalidClientSecret,
  invalidCredentials,
  missing,
  missingClientSecret,
  notDefaultScope,
  unknownClient,
  unknownScope,
  unknownUser,
  unsupportedGrantType,
} from './entra-errors';
import { issuerOf, OIDC_SCOPES } from './openid-configuration';
import { SigningKeyRing } from './signing-keys';
import type { TenantSimulatorOptions } from './tenant-simulator';

/** The password of every demo user; documented, public, and accepted by the simulator only. */
export const DEMO_PASSWORD = 'demo';

const LIFETIME_SECONDS = 3600;

export type TokenIssuerOptions = Pick<
  TenantSimulatorOptions,
  'tenants' | 'api' | 'publicClientIds' | 'confidentialClients'
> & {
  now: () => number;
  /** Known only once the server listens, while signing keys are made from the start. */
  authorityHost: () => string;
};

type ConfidentialClient = NonNullable<TenantSimulatorOptions['confidentialClients']>[number];

/**
 * The token endpoint's grants as Entra answers them: password sign-in (ROPC) for demo users and client
 * credentials for daemon apps, signed with each tenant's rotating keys.
 */
export class TokenIssuer {
  private readonly keyRings: Map<string, Promise<SigningKeyRing>>;

  constructor(private readonly options: TokenIssuerOptions) {
    // Made in the background (RSA key generation is slow) and awaited on use, so starting costs no time.
    this.keyRings = new Map(options.tenants.map((t) => [t.tenantId.toLowerCase(), SigningKeyRing.create()]));
  }

  /** Chained on the ring, so a rotation asked for synchronously comes before any later request's signing. */
  rotate(tenant: SimulatedTenant): Promise<string> {
    const rotated = this.ringOf(tenant).then((ring) => ({ ring, kid: ring.rotate() }));
    this.keyRings.set(
      tenant.tenantId.toLowerCase(),
      rotated.then(({ ring }) => ring),
    );
    return rotated.then(({ kid }) => kid);
  }

  async jwks(tenant: SimulatedTenant) {
    return (await this.ringOf(tenant)).jwks();
  }

  /** Every tenant's keys: what organizations/common publish, since any tenant may have signed a token. */
  async allJwks() {
    const sets = await Promise.all(this.options.tenants.map((tenant) => this.jwks(tenant)));
    return { keys: sets.flatMap((set) => set.keys) };
  }

  async sign(tenant: SimulatedTenant, claims: Record<string, unknown>, kid?: string): Promise<string> {
    const ring = await this.ringOf(tenant);
    const key = kid === undefined ? ring.current() : ring.find(kid);
    if (!key) throw new Error(`Tenant ${tenant.tenantId} has no signing key ${kid}`);
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  }

  async grant(tenant: SimulatedTenant, form: URLSearchParams, authorization?: string) {
    const grantType = form.get('grant_type');
    if (!grantType) throw missing('grant_type');
    if (grantType === 'password') return this.passwordGrant(tenant, form, authorization);
    if (grantType === 'client_credentials') return this.clientCredentialsGrant(tenant, form, authorization);
    throw unsupportedGrantType(grantType);
  }

  /** The access token a password sign-in would give this user, without the HTTP round trip. */
  async issueUserAccessToken(
    userPrincipalName: string,
    options?: { lifetimeSeconds?: number; notBeforeOffsetSeconds?: number },
  ): Promise<string> {
    const name = userPrincipalName.toLowerCase();
    const tenant = this.options.tenants.find((t) => t.users.some((u) => u.userPrincipalName.toLowerCase() === name));
    const user = tenant?.users.find((u) => u.userPrincipalName.toLowerCase() === name);
    if (!tenant || !user) throw new Error(`${userPrincipalName} is no user of a simulated tenant`);
    const clientId = this.options.publicClientIds[0] ?? this.options.api.clientId;
    return this.userAccessToken(tenant, user, clientId, options?.lifetimeSeconds, options?.notBeforeOffsetSeconds);
  }

  /**
   * The token response of a user's sign-in, as Entra shapes it: an access token for the product API and, when
   * asked for, an id token for the client (with the sign-in request's nonce) and the client_info msal reads.
   */
  async userTokens(
    tenant: SimulatedTenant,
    user: DemoUser,
    clientId: string,
    options: { idToken: boolean; nonce?: string },
  ) {
    return {
      token_type: 'Bearer',
      scope: `${this.options.api.appIdUri}/access_as_user`,
      expires_in: LIFETIME_SECONDS,
      ext_expires_in: LIFETIME_SECONDS,
      access_token: await this.userAccessToken(tenant, user, clientId),
      ...(options.idToken ? { id_token: await this.idToken(tenant, user, clientId, options.nonce) } : {}),
      // msal builds the account (home account id uid.utid) from this.
      client_info: clientInfo(tenant, user),
    };
  }

  private ringOf(tenant: SimulatedTenant): Promise<SigningKeyRing> {
    return this.keyRings.get(tenant.tenantId.toLowerCase()) as Promise<SigningKeyRing>;
  }

  private async passwordGrant(tenant: SimulatedTenant, form: URLSearchParams, authorization?: string) {
    const { clientId } = this.authenticateClient(tenant, form, authorization);
    const username = form.get('username');
    const password = form.get('password');
    const scope = form.get('scope');
    if (!username) throw missing('username');
    if (!password) throw missing('password');
    if (!scope) throw missing('scope');
    checkUserScopes(this.options.api.appIdUri, scope);
    const user = tenant.users.find((u) => u.userPrincipalName.toLowerCase() === username.toLowerCase());
    if (!user) throw unknownUser(tenant.tenantId);
    if (password !== DEMO_PASSWORD) throw invalidCredentials();
    return this.userTokens(tenant, user, clientId, { idToken: true });
  }

  private async clientCredentialsGrant(tenant: SimulatedTenant, form: URLSearchParams, authorization?: string) {
    const { clientId, confidential } = this.authenticateClient(tenant, form, authorization);
    if (!confidential) throw missingClientSecret();
    const scope = form.get('scope')?.trim();
    if (!scope) throw missing('scope');
    if (!/^\S+\/\.default$/.test(scope)) throw notDefaultScope(scope);
    const resource = scope.slice(0, -'/.default'.length);
    const { api } = this.options;
    // A v2 token for the product's own API names it by client id, as Entra does; other resources by their URI.
    const aud = resource === api.appIdUri || resource === api.clientId ? api.clientId : resource;
    const servicePrincipalId = objectIdOf(`${tenant.tenantId.toLowerCase()}/${clientId}`);
    const roles = confidential.applicationRoles;
    const accessToken = await this.sign(tenant, {
      aud,
      ...this.baseClaims(tenant),
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
  }

  /** Accepts a public client, or a confidential client of this tenant that proves its secret. */
  private authenticateClient(
    tenant: SimulatedTenant,
    form: URLSearchParams,
    authorization?: string,
  ): { clientId: string; confidential: ConfidentialClient | undefined } {
    const clientId = form.get('client_id') ?? basicCredentials(authorization)?.clientId;
    if (!clientId) throw missing('client_id');
    const confidential = (this.options.confidentialClients ?? []).find(
      (c) => c.clientId === clientId && c.tenantId.toLowerCase() === tenant.tenantId.toLowerCase(),
    );
    if (!confidential) {
      if (this.options.publicClientIds.includes(clientId)) return { clientId, confidential: undefined };
      throw unknownClient(clientId, tenant.displayName);
    }
    const secret = form.get('client_secret') ?? basicCredentials(authorization)?.clientSecret;
    if (!secret) throw missingClientSecret();
    if (secret !== confidential.clientSecret) throw invalidClientSecret(clientId);
    return { clientId, confidential };
  }

  /** The v2 access token Entra issues to the API for a signed-in user (as for a Teams tab's SSO token). */
  private userAccessToken(tenant: SimulatedTenant, user: DemoUser, clientId: string, lifetime?: number, nbf?: number) {
    return this.sign(tenant, {
      aud: this.options.api.clientId,
      ...this.baseClaims(tenant, lifetime, nbf),
      azp: clientId,
      azpacr: '0',
      name: user.displayName,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      roles: user.roles,
      scp: 'access_as_user',
      sub: pairwiseSubject(user.objectId, clientId),
    });
  }

  private idToken(tenant: SimulatedTenant, user: DemoUser, clientId: string, nonce?: string) {
    return this.sign(tenant, {
      aud: clientId,
      ...this.baseClaims(tenant),
      name: user.displayName,
      ...(nonce === undefined ? {} : { nonce }),
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      sub: pairwiseSubject(user.objectId, clientId),
    });
  }

  /** Times and ids every Entra token carries. */
  private baseClaims(tenant: SimulatedTenant, lifetimeSeconds = LIFETIME_SECONDS, notBeforeOffsetSeconds = 0) {
    const iat = Math.floor(this.options.now() / 1000);
    return {
      iss: issuerOf(this.options.authorityHost(), tenant),
      iat,
      nbf: iat + notBeforeOffsetSeconds,
      exp: iat + lifetimeSeconds,
      tid: tenant.tenantId.toLowerCase(),
      uti: randomBytes(16).toString('base64url').slice(0, 22),
      ver: '2.0',
    };
  }
}

/** A user's scopes must be for the product API, with at most the OpenID scopes besides; returns them. */
export function checkUserScopes(appIdUri: string, scope: string): string[] {
  const scopes = scope.split(/\s+/).filter(Boolean);
  const apiScopes = [`${appIdUri}/access_as_user`, `${appIdUri}/.default`];
  const unknown = scopes.find((s) => !apiScopes.includes(s) && !OIDC_SCOPES.includes(s));
  if (unknown || !scopes.some((s) => apiScopes.includes(s))) throw unknownScope(unknown ?? scope);
  return scopes;
}

/** Entra's client_info: the user's object id and home tenant, base64url JSON. */
export function clientInfo(tenant: SimulatedTenant, user: DemoUser): string {
  return Buffer.from(JSON.stringify({ uid: user.objectId, utid: tenant.tenantId.toLowerCase() })).toString('base64url');
}

/** Entra's `sub`: stable per user and client, and different across clients, so apps cannot correlate users by it. */
function pairwiseSubject(objectId: string, clientId: string): string {
  return createHash('sha256').update(`${objectId}|${clientId}`).digest('base64url');
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
