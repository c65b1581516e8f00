import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TabConfigJson, tabConfigFor } from '../../local/host/tab-config';
import type { DeploymentValues } from './deployment-values';

/**
 * The deployment values the tab's Azure build is made from. ENTRA_AUTHORITY_HOST, where the councils' work accounts
 * sign in, is the one the Function App trusts (the template's entraAuthorityHost, a provisioning output); without it
 * the public cloud, https://login.microsoftonline.com, as the template's default.
 */
export const TAB_VALUE_NAMES = [
  'API_BASE_URL',
  'API_CLIENT_ID',
  'API_APP_ID_URI',
  'TAB_BASE_URL',
  'ENTRA_AUTHORITY_HOST',
] as const;
export type TabValues = DeploymentValues<(typeof TAB_VALUE_NAMES)[number]>;

/**
 * The hosts that may frame the tab, as Microsoft lists them for Teams tabs: Teams, the Microsoft 365 app and
 * Outlook, on their current domains and on *.cloud.microsoft where they are moving.
 */
export const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://*.skype.com',
];

/**
 * `/tab-config.json`: the tab signs in outside Teams with any council work account of the deployment's authority,
 * for the API's own scope.
 */
export function tabConfigJson(values: TabValues): TabConfigJson {
  return tabConfigFor({
    authorityHost: values.ENTRA_AUTHORITY_HOST,
    apiClientId: values.API_CLIENT_ID,
    apiAppIdUri: values.API_APP_ID_URI,
  });
}

/**
 * The page's policy, as the local host serves it: scripts and styles from the tab's own origin (Fluent UI writes
 * styles at run time, hence inline styles), network calls to the API, Microsoft's CDN (teams-js reads the valid
 * Teams origins there) and the sign-in authority, whose hidden frame MSAL.js may use to renew a session; framed
 * by Microsoft's hosts only.
 */
export function contentSecurityPolicy(values: TabValues): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${values.API_BASE_URL} https://res.cdn.office.net ${values.ENTRA_AUTHORITY_HOST}`,
    `frame-src ${values.ENTRA_AUTHORITY_HOST}`,
    `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * `staticwebapp.config.json` for Azure Static Web Apps: every path that is not a file gets the page, except the
 * local host's `/dev/` routes and file-like paths, which answer 404 as they should. No X-Frame-Options: Teams
 * frames the tab, and frame-ancestors says by whom. Hashed assets may be kept for a year; the rest is revalidated.
 */
export function staticWebAppConfig(values: TabValues): Record<string, unknown> {
  return {
    navigationFallback: {
      rewrite: '/index.html',
      exclude: ['/assets/*', '/dev/*', '/*.{json,js,css,png,svg,ico,txt,map}'],
    },
    routes: [{ route: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } }],
    globalHeaders: {
      'Content-Security-Policy': contentSecurityPolicy(values),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    },
  };
}

/** The files the tab's Azure build adds beside the built tab. */
export function tabAzureFiles(values: TabValues): Record<'tab-config.json' | 'staticwebapp.config.json', unknown> {
  return { 'tab-config.json': tabConfigJson(values), 'staticwebapp.config.json': staticWebAppConfig(values) };
}

export function writeTabAzureFiles(folder: string, values: TabValues): string[] {
  return Object.entries(tabAzureFiles(values)).map(([name, content]) => {
    const file = join(folder, name);
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    return file;
  });
}
