/** The part of msal-node's `auth` configuration that names the authority (structurally `NodeAuthOptions`). */
export type MsalAuthorityOptions = { authority: string; knownAuthorities: string[] };

/**
 * msal-node options for a tenant at an authority host that is not a Microsoft cloud (the tenant simulator), so
 * msal makes no call to the public cloud. Without `knownAuthorities` msal 7.2 first asks
 * login.microsoftonline.com/common/discovery/instance to vouch for the host and, offline, fails with
 * endpoints_resolution_error. msal compares the entry with the authority's host AND port, so the port must be
 * there ("localhost:50123"; "localhost" alone does not match). With it, msal reads the OpenID configuration from
 * the authority itself (`/{tenant}/v2.0/.well-known/openid-configuration`) and posts to the token endpoint named
 * there: every request goes to the authority host. `cloudDiscoveryMetadata` naming the host works as well; no
 * `authorityMetadata` is needed.
 */
export function msalAuthorityOptions(authorityHost: string, tenantId: string): MsalAuthorityOptions {
  const url = new URL(authorityHost);
  // msal refuses http authorities itself (authority_uri_insecure); say so before it hides it in another error.
  if (url.protocol !== 'https:') throw new Error(`The authority host must be https: ${authorityHost}`);
  return { authority: `${url.origin}/${tenantId}`, knownAuthorities: [url.host] };
}
