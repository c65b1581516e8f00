import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { LocalFunctionsHost } from './local-functions-host';
import { pageSecurityHeaders, tabContentSecurityPolicy } from './page-security-headers';
import type { TabConfigJson } from './tab-config';

const ROOT = join(__dirname, '..', '..');
export const TAB_SOURCE = join(ROOT, 'teams-app', 'tab');
export const TAB_BUILD = join(ROOT, 'dist', 'tab');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Builds the tab with Vite when its build is missing or older than its sources, so `npm start` on a fresh clone
 * serves the current tab without a separate step.
 */
export function ensureTabBuilt(log: (line: string) => void): void {
  const built = join(TAB_BUILD, 'index.html');
  // `npm run build:tab:azure` leaves a build that calls the deployed API: never serve that one locally.
  const azureBuild = existsSync(join(TAB_BUILD, 'staticwebapp.config.json'));
  if (!azureBuild && existsSync(built) && newestChange(TAB_SOURCE) <= statSync(built).mtimeMs) return;
  log('Building the Teams tab with Vite…');
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(TAB_SOURCE, 'vite.config.ts')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`The tab did not build:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Serves the built tab at `/`, as the deployment's static hosting will: scripts only from this origin, framing
 * by Teams only. Fluent UI writes its styles at run time, hence inline styles are allowed (scripts are not).
 */
export function addTabFiles(host: LocalFunctionsHost, config: TabConfigJson): number {
  const authority = new URL(config.microsoftSignIn.authority).origin;
  const headers = pageSecurityHeaders([], tabContentSecurityPolicy(authority));
  host.devRoute('GET', '/tab-config.json', () => ({
    contentType: TYPES['.json'] as string,
    body: JSON.stringify(config),
    headers: pageSecurityHeaders([]),
  }));
  const files = listFiles(TAB_BUILD);
  for (const file of files) {
    const path = `/${relative(TAB_BUILD, file).split('\\').join('/')}`;
    const body = readFileSync(file);
    const contentType = TYPES[extname(file)] ?? 'application/octet-stream';
    // Hashed asset names never change content, so browsers may keep them; the page itself is always fetched.
    const caching: Record<string, string> = path.startsWith('/assets/')
      ? { 'cache-control': 'public, max-age=31536000, immutable' }
      : {};
    const route = () => ({ contentType, body, headers: { ...headers, ...caching } });
    host.devRoute('GET', path, route);
    if (path === '/index.html') host.devRoute('GET', '/', route);
  }
  return files.length;
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

function newestChange(folder: string): number {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .reduce((newest, entry) => {
      const path = join(folder, entry.name);
      return Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
    }, 0);
}
