import type { Settings } from '../../shared/config/settings';

/** `/tab-config.json`: how the tab signs users in outside Teams (teams-app/tab/src/host/tab-config.ts reads it). */
export type TabConfigJson = {
  microsoftSignIn: { clientId: string; authority: string; apiScope: string; knownAuthorities: string[] };
};

/**
 * The tab's sign-in with Microsoft for these settings: any work account (`organizations`) of the authority the
 * API trusts, for the API's own scope. The authority's host is named as known, so MSAL.js trusts the simulated
 * tenants locally as it trusts Microsoft's hosts in Azure.
 */
export function tabConfigFor(identity: Settings['identity']): TabConfigJson {
  return {
    microsoftSignIn: {
      clientId: identity.apiClientId,
      authority: `${identity.authorityHost}/organizations`,
      apiScope: `${identity.apiAppIdUri}/access_as_user`,
      knownAuthorities: [new URL(identity.authorityHost).host],
    },
  };
}
