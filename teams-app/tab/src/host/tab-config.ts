/** How the tab signs a user in with Microsoft Entra ID outside Teams (MSAL.js, redirect flow). */
export type MicrosoftSignInConfig = {
  /** The product's app registration, which also holds the tab's SPA redirect URI. */
  clientId: string;
  /** `https://login.microsoftonline.com/organizations`: any partner council's work account. */
  authority: string;
  /** The API's delegated scope, `api://…/access_as_user`. */
  apiScope: string;
  /** Authority hosts MSAL.js may trust without Microsoft's cloud discovery: the simulated tenants locally. */
  knownAuthorities: string[];
};

/** Served beside the tab as `/tab-config.json`: by the local host, and by the deployment's static hosting. */
export type TabConfig = { microsoftSignIn: MicrosoftSignInConfig | null };

export async function loadTabConfig(): Promise<TabConfig> {
  const response = await fetch('/tab-config.json').catch(() => null);
  if (!response?.ok) return { microsoftSignIn: null };
  const config = (await response.json()) as Partial<TabConfig>;
  return { microsoftSignIn: config.microsoftSignIn ?? null };
}
