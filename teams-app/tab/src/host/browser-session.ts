/** The token the demo sign-in keeps for this browser tab (shared with the /dev/sign-in page). */
const TOKEN_KEY = 'ict-hub.access-token';

export type DemoUser = {
  userPrincipalName: string;
  displayName: string;
  jobTitle: string;
  councilName: string;
  roles: string[];
};

export type DemoDirectory = { partnerships: { name: string; users: DemoUser[] }[] };

/** Null when there is none, or when the browser refuses storage (a cross-site frame whose Teams host failed). */
export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function signOut(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was stored where storage is refused.
  }
}

/** The demo users of the simulated tenants, when the local host offers them (local mode only); else null. */
export async function demoDirectory(): Promise<DemoDirectory | null> {
  const response = await fetch('/dev/sign-in/config.json').catch(() => null);
  if (!response?.ok) return null;
  return (await response.json()) as DemoDirectory;
}

/** Signs in as a demo user: the local host gets a token from the user's council's simulated tenant. */
export async function signInAsDemoUser(userPrincipalName: string): Promise<string> {
  const response = await fetch('/dev/sign-in/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userPrincipalName }),
  });
  const answer = (await response.json()) as { accessToken?: string; error?: string };
  if (!response.ok || !answer.accessToken) throw new Error(answer.error ?? `Sign-in failed (${response.status})`);
  sessionStorage.setItem(TOKEN_KEY, answer.accessToken);
  return answer.accessToken;
}
