import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Partnership } from '../../shared/schemas/partnership';
import type { LocalFunctionsHost } from '../host/local-functions-host';
import { pageSecurityHeaders } from '../host/page-security-headers';
import { acquireDemoUserToken } from '../tenants/demo-user-token';
import type { SimulatedTenant } from '../tenants/demo-users';

export type SignInPageOptions = {
  authorityHost: string;
  apiClientId: string;
  apiAppIdUri: string;
  partnerships: readonly Partnership[];
  tenants: readonly SimulatedTenant[];
};

const ASSETS = {
  '/dev/sign-in': ['sign-in.html', 'text/html; charset=utf-8'],
  '/dev/sign-in.js': ['sign-in.js', 'text/javascript; charset=utf-8'],
  '/dev/sign-in.css': ['sign-in.css', 'text/css; charset=utf-8'],
} as const;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The demo user picker (local mode only): a page listing the simulated tenants' users, and a same-origin endpoint
 * that gets the chosen user a token from their council's tenant through msal-node. The page never talks to the
 * tenants itself, so the browser need not trust the local certificate authority.
 */
export function addSignInPages(host: LocalFunctionsHost, options: SignInPageOptions): void {
  const headers = pageSecurityHeaders([]);
  for (const [path, [file, contentType]] of Object.entries(ASSETS)) {
    const body = readFileSync(join(__dirname, file), 'utf8');
    host.devRoute('GET', path, () => ({ contentType, body, headers }));
  }
  const config = JSON.stringify({ partnerships: usersByPartnership(options) });
  host.devRoute('GET', '/dev/sign-in/config.json', () => ({ contentType: JSON_TYPE, body: config, headers }));

  host.devRoute('POST', '/dev/sign-in/token', async (body) => {
    const upn = parseUserPrincipalName(body);
    const tenant = options.tenants.find((t) => t.users.some((u) => u.userPrincipalName === upn));
    if (!tenant) {
      return { status: 400, contentType: JSON_TYPE, body: JSON.stringify({ error: 'Not a demo user.' }), headers };
    }
    const token = await acquireDemoUserToken({
      authorityHost: options.authorityHost,
      tenantId: tenant.tenantId,
      apiClientId: options.apiClientId,
      apiAppIdUri: options.apiAppIdUri,
      userPrincipalName: upn,
    });
    return { contentType: JSON_TYPE, body: JSON.stringify(token), headers };
  });
}

function usersByPartnership(options: SignInPageOptions) {
  return options.partnerships.map((partnership) => ({
    name: partnership.name,
    users: options.tenants
      .filter((tenant) => tenant.partnershipId === partnership.id)
      .flatMap((tenant) =>
        tenant.users.map((user) => ({
          userPrincipalName: user.userPrincipalName,
          displayName: user.displayName,
          jobTitle: user.jobTitle,
          roles: user.roles,
          councilName: partnership.partners.find((p) => p.code === tenant.partnerCode)?.name ?? tenant.partnerCode,
        })),
      ),
  }));
}

function parseUserPrincipalName(body: Buffer): string {
  try {
    const value = (JSON.parse(body.toString('utf8')) as { userPrincipalName?: unknown }).userPrincipalName;
    return typeof value === 'string' ? value.toLowerCase() : '';
  } catch {
    return '';
  }
}
