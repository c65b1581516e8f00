/** The token the demo sign-in keeps for this browser tab (shared with the /dev/sign-in page). */
const TOKEN_KEY = 'ict-hub.access-token';
/** Set while this browser tab signs in, or is signed in, with Microsoft: MSAL.js is loaded at start only then. */
const MICROSOFT_KEY = 'ict-hub.signed-in-with-microsoft';

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
    sessionStorage.removeItem(MICROSOFT_KEY);
  } catch {
    // Nothing was stored where storage is refused.
  }
}

/** Whether to start MSAL.js at once: a sign-in with Microsoft is under way or done in this browser tab. */
export function usesMicrosoftSignIn(): boolean {
  try {
    return sessionStorage.getItem(MICROSOFT_KEY) !== null;
  } catch {
    return false;
  }
}

export function rememberMicrosoftSignIn(): void {
  sessionStorage.setItem(MICROSOFT_KEY, 'yes');
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
