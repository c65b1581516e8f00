import {
  FluentProvider,
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiContext, createApiClient } from './api/api';
import { signOut, storedToken } from './host/browser-session';
import { detectHost, type TabHost, type ThemeName } from './host/host';
import { SignInPage } from './sign-in-page';

const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Follows the host's theme (Teams' default, dark or high contrast; the browser's preference outside Teams). */
function Root({ host }: { host: TabHost }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [token, setToken] = useState<string | null>(() => (host.kind === 'teams' ? null : storedToken()));
  useEffect(() => {
    if (host.kind === 'teams') host.onThemeChange(setTheme);
  }, [host]);
  const api = useMemo(
    () =>
      createApiClient(
        async () => (host.kind === 'teams' ? host.getToken() : (token ?? '')),
        () => {
          if (host.kind === 'browser') {
            signOut();
            setToken(null);
          }
        },
      ),
    [host, token],
  );
  const signedIn = host.kind === 'teams' || token !== null;
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }} data-theme={theme}>
      {signedIn ? (
        <ApiContext.Provider value={api}>
          <App
            onSignOut={
              host.kind === 'browser'
                ? () => {
                    signOut();
                    setToken(null);
                  }
                : undefined
            }
          />
        </ApiContext.Provider>
      ) : (
        <SignInPage onSignedIn={() => setToken(storedToken())} />
      )}
    </FluentProvider>
  );
}

const started = performance.now();
detectHost().then((host) => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <Root host={host} />
    </StrictMode>,
  );
  document.documentElement.dataset.host = host.kind;
  document.documentElement.dataset.hostDetectedMs = String(Math.round(performance.now() - started));
});
