import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tabContentSecurityPolicy } from '../../local/host/page-security-headers';
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
      'Content-Security-Policy': tabContentSecurityPolicy(values.ENTRA_AUTHORITY_HOST, values.API_BASE_URL),
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
