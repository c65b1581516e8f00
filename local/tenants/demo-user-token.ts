import { PublicClientApplication } from '@azure/msal-node';
import { msalAuthorityOptions } from './msal-options';
import { DEMO_PASSWORD } from './tenant-simulator';

export type DemoTokenRequest = {
  authorityHost: string;
  tenantId: string;
  apiClientId: string;
  apiAppIdUri: string;
  userPrincipalName: string;
};

/**
 * An access token for a demo user from their council's simulated tenant, through the real msal-node (username
 * and password flow, which only the simulated tenants accept with the demo password).
 */
export async function acquireDemoUserToken(
  request: DemoTokenRequest,
): Promise<{ accessToken: string; expiresOn: Date | null }> {
  const client = new PublicClientApplication({
    auth: { clientId: request.apiClientId, ...msalAuthorityOptions(request.authorityHost, request.tenantId) },
  });
  const result = await client.acquireTokenByUsernamePassword({
    username: request.userPrincipalName,
    password: DEMO_PASSWORD,
    scopes: [`${request.apiAppIdUri}/access_as_user`],
  });
  if (!result?.accessToken) throw new Error('The simulated tenant issued no token.');
  return { accessToken: result.accessToken, expiresOn: result.expiresOn };
}
