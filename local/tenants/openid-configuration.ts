import type { Authority } from './authorities';
import type { SimulatedTenant } from './demo-users';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export const issuerOf = (authorityHost: string, tenant: SimulatedTenant) =>
  `${authorityHost}/${tenant.tenantId.toLowerCase()}/v2.0`;

/**
 * An authority's OpenID metadata document, as Entra serves it at `v2.0/.well-known/openid-configuration`. For
 * organizations/common the issuer is the literal template `.../{tenantid}/v2.0`, as Entra publishes it: the tokens
 * come from each user's home tenant, and a client checks `iss` against the `tid` in the token.
 */
export function openIdConfiguration(authorityHost: string, authority: Authority) {
  const base = `${authorityHost}/${authority.segment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: OIDC_SCOPES,
    issuer: authority.tenant ? issuerOf(authorityHost, authority.tenant) : `${authorityHost}/{tenantid}/v2.0`,
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
    tenant_region_scope: authority.tenant ? 'EU' : null,
    cloud_instance_name: 'localhost',
  };
}
