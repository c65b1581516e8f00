import type { AccountInfo, PublicClientApplication } from '@azure/msal-browser';
import type { MicrosoftSignInConfig } from './tab-config';

/** The browser sign-in with Microsoft Entra ID: who is signed in, a token for the API, and signing out. */
export type MicrosoftSession = {
  account: AccountInfo | null;
  signIn(): Promise<void>;
  getToken(): Promise<string>;
  signOut(): Promise<void>;
};

/**
 * Starts MSAL.js, finishing a sign-in the browser has just come back from. MSAL.js is loaded only here, outside
 * Teams: inside Teams the host signs the user in, and the tab's first render does not wait for it. The response
 * comes back in the query string (not the fragment), which the tab's hash routes keep for themselves.
 */
export async function startMicrosoftSession(config: MicrosoftSignInConfig): Promise<MicrosoftSession> {
  const msal = await import('@azure/msal-browser');
  const client: PublicClientApplication = new msal.PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: `${window.location.origin}/`,
      postLogoutRedirectUri: `${window.location.origin}/`,
      OIDCOptions: { responseMode: 'query' },
    },
    cache: { cacheLocation: msal.BrowserCacheLocation.SessionStorage },
  });
  await client.initialize();
  const redirected = await client.handleRedirectPromise();
  const account = redirected?.account ?? client.getAllAccounts()[0] ?? null;
  if (account) client.setActiveAccount(account);
  const request = { scopes: [config.apiScope] };
  return {
    account,
    signIn: () => client.loginRedirect(request),
    getToken: async () => {
      const active = client.getActiveAccount();
      if (!active) throw new Error('Not signed in.');
      try {
        return (await client.acquireTokenSilent({ ...request, account: active })).accessToken;
      } catch (error) {
        // A session that can no longer be renewed quietly (expired, revoked, new consent) signs in again.
        if (error instanceof msal.InteractionRequiredAuthError) await client.acquireTokenRedirect(request);
        throw error;
      }
    },
    signOut: () => client.logoutRedirect({ account: client.getActiveAccount() }),
  };
}
