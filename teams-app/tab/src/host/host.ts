import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

/** Where the tab runs and how it gets a token for the API. */
export type TabHost =
  | {
      kind: 'teams';
      theme: ThemeName;
      onThemeChange(listener: (theme: ThemeName) => void): void;
      getToken(): Promise<string>;
      user: { name: string; tenantId: string } | null;
    }
  | { kind: 'browser'; theme: ThemeName };

/** Outside Teams, `app.initialize` waits for a host that never answers; a second is plenty inside Teams. */
const TEAMS_DETECTION_MS = 1000;

/**
 * Finds out whether the tab runs in Teams. Teams answers `initialize` within a few hundred milliseconds; in a
 * plain browser the SDK would wait 60 s, so the wait is cut to a second and the browser sign-in takes over.
 */
export async function detectHost(): Promise<TabHost> {
  const inFrame = window.parent !== window || window.opener !== null;
  if (inFrame) {
    const initialised = await Promise.race([
      app.initialize().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TEAMS_DETECTION_MS)),
    ]);
    if (initialised) {
      const context = await app.getContext();
      app.notifySuccess();
      return {
        kind: 'teams',
        theme: themeOf(context.app.theme),
        onThemeChange: (listener) => app.registerOnThemeChangeHandler((theme) => listener(themeOf(theme))),
        getToken: () => authentication.getAuthToken(),
        user: context.user
          ? {
              name: context.user.displayName ?? context.user.userPrincipalName ?? '',
              tenantId: context.user.tenant?.id ?? '',
            }
          : null,
      };
    }
  }
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  const forcedColours = window.matchMedia?.('(forced-colors: active)').matches;
  return { kind: 'browser', theme: forcedColours ? 'contrast' : prefersDark ? 'dark' : 'default' };
}

function themeOf(name: string | undefined): ThemeName {
  return name === 'dark' ? 'dark' : name === 'contrast' ? 'contrast' : 'default';
}
