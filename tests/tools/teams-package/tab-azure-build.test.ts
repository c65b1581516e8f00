import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { tabConfigFor } from '../../../local/host/tab-config';
import { buildTabForAzure } from '../../../tools/teams-package/build-tab-azure';
import { readDeploymentValues } from '../../../tools/teams-package/deployment-values';
import { TAB_VALUE_NAMES, tabAzureFiles, writeTabAzureFiles } from '../../../tools/teams-package/tab-azure-files';

const API_CLIENT_ID = '0a1b2c3d-1111-4222-8333-444455556666';
const API_APP_ID_URI = `api://hub-tab.example.org/${API_CLIENT_ID}`;
const TEST_ENV = {
  API_CLIENT_ID,
  API_APP_ID_URI,
  TAB_BASE_URL: 'https://hub-tab.example.org',
  API_BASE_URL: 'https://hub-api.example.net/',
};
/** The hosts Microsoft documents as framing Teams tabs in Teams, the Microsoft 365 app and Outlook. */
const MICROSOFT_HOSTS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.skype.com',
];

describe('npm run build:tab:azure', () => {
  const folders: string[] = [];
  const tempFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'tab-azure-'));
    folders.push(folder);
    return folder;
  };
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  const values = readDeploymentValues(TAB_VALUE_NAMES, { env: TEST_ENV, root: tempFolder() });

  it('writes tab-config.json for sign-in with any council work account, for the API scope, as the local host serves it', () => {
    const tabConfig = tabAzureFiles(values)['tab-config.json'];
    expect(tabConfig).toEqual({
      microsoftSignIn: {
        clientId: API_CLIENT_ID,
        authority: 'https://login.microsoftonline.com/organizations',
        apiScope: `${API_APP_ID_URI}/access_as_user`,
        knownAuthorities: ['login.microsoftonline.com'],
      },
    });
    // The same shape the local host serves, from the same function.
    const local = tabConfigFor({
      authorityHost: 'https://login.microsoftonline.com',
      apiClientId: API_CLIENT_ID,
      apiAppIdUri: API_APP_ID_URI,
    });
    expect(tabConfig).toEqual(local);
  });

  it('writes staticwebapp.config.json: the page for every route, framing by Microsoft hosts only, no X-Frame-Options', () => {
    const config = tabAzureFiles(values)['staticwebapp.config.json'] as {
      navigationFallback: { rewrite: string; exclude: string[] };
      globalHeaders: Record<string, string>;
    };
    expect(config.navigationFallback.rewrite).toBe('/index.html');
    expect(config.navigationFallback.exclude).toEqual(expect.arrayContaining(['/assets/*', '/dev/*']));

    const headers = Object.fromEntries(Object.entries(config.globalHeaders).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers).not.toHaveProperty('x-frame-options');
    const csp = headers['content-security-policy'] ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .find(([key]) => key === name)
        ?.slice(1) ?? [];
    expect(directive('frame-ancestors')).toEqual(expect.arrayContaining(MICROSOFT_HOSTS));
    for (const source of directive('frame-ancestors')) {
      expect(source).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.(com|microsoft)$/);
    }
    expect(directive('connect-src')).toEqual(
      expect.arrayContaining(["'self'", 'https://hub-api.example.net', 'https://login.microsoftonline.com']),
    );
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(JSON.stringify(config)).not.toMatch(/x-frame-options/i);
  });

  it("signs in with the deployment's ENTRA_AUTHORITY_HOST, in tab-config.json and the page's policy alike", () => {
    const usGov = readDeploymentValues(TAB_VALUE_NAMES, {
      env: { ...TEST_ENV, ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us/' },
      root: tempFolder(),
    });
    expect(usGov.ENTRA_AUTHORITY_HOST).toBe('https://login.microsoftonline.us');
    const files = tabAzureFiles(usGov);
    expect(files['tab-config.json']).toEqual({
      microsoftSignIn: {
        clientId: API_CLIENT_ID,
        authority: 'https://login.microsoftonline.us/organizations',
        apiScope: `${API_APP_ID_URI}/access_as_user`,
        knownAuthorities: ['login.microsoftonline.us'],
      },
    });
    const csp = (files['staticwebapp.config.json'] as { globalHeaders: Record<string, string> }).globalHeaders[
      'Content-Security-Policy'
    ];
    const sources = (name: string) =>
      csp
        ?.split(';')
        .map((part) => part.trim().split(/\s+/))
        .find(([key]) => key === name)
        ?.slice(1);
    expect(sources('connect-src')).toContain('https://login.microsoftonline.us');
    expect(sources('frame-src')).toEqual(['https://login.microsoftonline.us']);
    expect(JSON.stringify(files)).not.toContain('login.microsoftonline.com');
  });

  it('writes both files as JSON into the folder given', () => {
    const folder = tempFolder();
    const written = writeTabAzureFiles(folder, values);
    expect(written.map((file) => file.slice(folder.length + 1)).sort()).toEqual([
      'staticwebapp.config.json',
      'tab-config.json',
    ]);
    const files = tabAzureFiles(values);
    for (const [name, content] of Object.entries(files)) {
      expect(JSON.parse(readFileSync(join(folder, name), 'utf8'))).toEqual(content);
    }
  });

  it('builds the tab with the API base URL baked into its scripts, beside the two files', () => {
    const outDir = tempFolder();
    buildTabForAzure(values, { outDir, viteOutput: 'pipe' });
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    const scripts = readdirSync(join(outDir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(outDir, 'assets', name), 'utf8'))
      .join('\n');
    // Checked as a boolean: a failed toContain would print the whole bundle.
    expect(scripts.includes('https://hub-api.example.net'), 'the API base URL is in the built scripts').toBe(true);
    expect(scripts.includes('jsxDEV'), 'the build is a production build').toBe(false);
    expect(JSON.parse(readFileSync(join(outDir, 'tab-config.json'), 'utf8'))).toEqual(
      tabAzureFiles(values)['tab-config.json'],
    );
    expect(existsSync(join(outDir, 'staticwebapp.config.json'))).toBe(true);
  }, 60_000);
});

describe("the tab's API client", () => {
  // Loaded by a path the type checker does not follow: the tab's code is checked by its own tsconfig.
  const API_MODULE = '../../../teams-app/tab/src/api/api';
  type ApiModule = { createApiClient: (getToken: () => Promise<string>, onUnauthorised: () => void) => any };

  const requestedUrl = async (baseUrl: string | undefined): Promise<string> => {
    vi.resetModules();
    vi.stubEnv('VITE_API_BASE_URL', baseUrl);
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const { createApiClient } = (await import(/* @vite-ignore */ API_MODULE)) as ApiModule;
    await createApiClient(
      async () => 'token',
      () => {},
    ).get('plan?year=2020-21');
    return (fetch.mock.calls[0] as unknown as [string])[0];
  };
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('calls the API on its own origin when no base URL is baked in, or an empty one, as locally', async () => {
    expect(await requestedUrl(undefined)).toBe('/api/plan?year=2020-21');
    expect(await requestedUrl('')).toBe('/api/plan?year=2020-21');
  });

  it('calls the API at the base URL baked in for Azure', async () => {
    expect(await requestedUrl('https://hub-api.example.net')).toBe('https://hub-api.example.net/api/plan?year=2020-21');
    expect(await requestedUrl('https://hub-api.example.net/')).toBe(
      'https://hub-api.example.net/api/plan?year=2020-21',
    );
  });
});
