import {
  FluentProvider,
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiContext, createApiClient } from './api/api';
import { signOut, storedToken, usesMicrosoftSignIn } from './host/browser-session';
import { detectHost, type TabHost, type ThemeName } from './host/host';
import { type MicrosoftSession, startMicrosoftSession } from './host/microsoft-sign-in';
import { loadTabConfig } from './host/tab-config';
import { SignInPage } from './sign-in-page';

const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** How the browser (outside Teams) is signed in: a demo user's token locally, or a Microsoft session. */
type BrowserSignIn = { kind: 'demo'; token: string } | { kind: 'microsoft'; session: MicrosoftSession } | null;

/**
 * Follows the host's theme (Teams' default, dark or high contrast; the browser's preference outside Teams) and
 * signs the user in: Teams does it in Teams; outside it, the sign-in page offers what this deployment supports.
 */
function Root({ host, microsoft }: { host: TabHost; microsoft: MicrosoftSession | null }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [signIn, setSignIn] = useState<BrowserSignIn>(() => {
    if (microsoft?.account) return { kind: 'microsoft', session: microsoft };
    const token = host.kind === 'browser' ? storedToken() : null;
    return token ? { kind: 'demo', token } : null;
  });
  useEffect(() => {
    if (host.kind === 'teams') host.onThemeChange(setTheme);
  }, [host]);
  const signOutHere = useCallback(() => {
    signOut();
    setSignIn(null);
    if (signIn?.kind === 'microsoft') void signIn.session.signOut();
  }, [signIn]);
  const api = useMemo(
    () =>
      createApiClient(
        async () => {
          if (host.kind === 'teams') return host.getToken();
          if (signIn?.kind === 'microsoft') return signIn.session.getToken();
          return signIn?.token ?? '';
        },
        () => {
          if (host.kind === 'browser') signOutHere();
        },
      ),
    [host, signIn, signOutHere],
  );
  const signedIn = host.kind === 'teams' || signIn !== null;
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }} data-theme={theme}>
      {signedIn ? (
        <ApiContext.Provider value={api}>
          <App onSignOut={host.kind === 'browser' ? signOutHere : undefined} />
        </ApiContext.Provider>
      ) : (
        <SignInPage
          onSignedIn={() => {
            const token = storedToken();
            if (token) setSignIn({ kind: 'demo', token });
          }}
        />
      )}
    </FluentProvider>
  );
}

/** MSAL.js starts at once only when this browser tab signs in, or has signed in, with Microsoft. */
async function microsoftSessionToResume(host: TabHost): Promise<MicrosoftSession | null> {
  if (host.kind !== 'browser' || !usesMicrosoftSignIn()) return null;
  const config = await loadTabConfig();
  return config.microsoftSignIn ? startMicrosoftSession(config.microsoftSignIn).catch(() => null) : null;
}

const started = performance.now();
detectHost().then(async (host) => {
  const microsoft = await microsoftSessionToResume(host);
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <Root host={host} microsoft={microsoft} />
    </StrictMode>,
  );
  document.documentElement.dataset.host = host.kind;
  document.documentElement.dataset.hostDetectedMs = String(Math.round(performance.now() - started));
});
