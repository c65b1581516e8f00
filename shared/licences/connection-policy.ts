import { z } from 'zod';
import type { InputProblem } from '../errors';
import type { TenantConnection } from '../schemas/licences';

/** Where the app runs: `HUB_ENVIRONMENT`. Development also reaches the local simulators of Entra and Graph. */
export type ConnectionEnvironment = 'development' | 'production';

/** Microsoft's cloud authorities: public, US Government, and the China cloud run by 21Vianet. */
export const MICROSOFT_AUTHORITY_HOSTS: readonly string[] = [
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.partner.microsoftonline.cn',
];

/** Microsoft Graph in each of those clouds: public, US Government (L4 and DoD), and the China cloud. */
export const MICROSOFT_GRAPH_ENDPOINTS: readonly string[] = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
];

/** A council's report goes to a handful of licence administrators, never to a mailing list of the whole council. */
export const MAX_REPORT_RECIPIENTS = 20;

/** The local simulators listen on loopback over https, on whatever port they were given. */
const SIMULATOR_HOSTS = new Set(['localhost', '127.0.0.1']);

const address = z.email();

/**
 * The start every app setting a partnership's reconciler reads its credentials from must have: `RECONCILER_`, the
 * partnership id in upper case with anything not a letter or digit as `_`, then `_` (`3c-ict` gives
 * `RECONCILER_3C_ICT_`). The settings are app settings of the whole app, shared by every partnership and holding
 * its own secrets (`HUB_STORAGE`, `COSMOS_KEY`), so a partnership may only name its own. The name
 * after the prefix is letters and digits only: `a` and `a-b` give `RECONCILER_A_` and `RECONCILER_A_B_`, and
 * without that rule `a` could name `RECONCILER_A_B_SECRET`, which is `a-b`'s.
 */
export function credentialSettingPrefix(partnershipId: string): string {
  return `RECONCILER_${partnershipId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}

/**
 * What is wrong with a tenant connection a partnership's administrator gave, as problems whose paths are relative
 * to the connection (`credential.setting`, `authorityHost`, ...); none when it may be used.
 *
 * A connection makes the app send the credential it names to the authority host it names, and the token it gets
 * to the Graph URL it names. Unchecked, an administrator could have any app setting (the storage connection
 * string, another partnership's secret) sent as a client secret to a host of their choosing. So:
 * - `credential.setting` must be the partnership's prefix (`credentialSettingPrefix`) and a name of letters and
 *   digits;
 * - `authorityHost` must be one of Microsoft's cloud authorities and `graphBaseUrl` one of Microsoft Graph's
 *   endpoints, as origins alone (no path, query or trailing slash); in development, https on `localhost` or
 *   `127.0.0.1` on any port is allowed too, for the simulators.
 * - The report goes to `reportRecipients` from `reportSender`. Ideally recipients would be addresses in the
 *   council's own mail domains, but the partnership record does not know them (councils have several, and shared
 *   services use each other's), so this keeps it simple: at most `MAX_REPORT_RECIPIENTS` recipients, and the
 *   sender must be a mail address. Graph only sends as a mailbox of the tenant the app signed in to, so the
 *   tenant itself keeps the sender within the council.
 */
export function checkTenantConnection(
  connection: TenantConnection,
  partnershipId: string,
  environment: ConnectionEnvironment,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const prefix = credentialSettingPrefix(partnershipId);
  const setting = connection.credential.setting;
  if (!setting.startsWith(prefix) || !/^[A-Z0-9]+$/.test(setting.slice(prefix.length))) {
    problems.push({
      path: 'credential.setting',
      message: `the credential's app setting must be named ${prefix}<NAME> (letters and digits) for this partnership, not ${setting}`,
    });
  }
  const authority = originProblem(
    connection.authorityHost,
    'a Microsoft cloud authority',
    MICROSOFT_AUTHORITY_HOSTS,
    environment,
  );
  if (authority) problems.push({ path: 'authorityHost', message: authority });
  const graph = originProblem(
    connection.graphBaseUrl,
    'a Microsoft Graph endpoint',
    MICROSOFT_GRAPH_ENDPOINTS,
    environment,
  );
  if (graph) problems.push({ path: 'graphBaseUrl', message: graph });
  if (connection.reportSender !== undefined && !address.safeParse(connection.reportSender).success) {
    problems.push({ path: 'reportSender', message: 'the report sender must be a mail address' });
  }
  const recipients = connection.reportRecipients ?? [];
  if (recipients.length > MAX_REPORT_RECIPIENTS) {
    problems.push({
      path: 'reportRecipients',
      message: `at most ${MAX_REPORT_RECIPIENTS} report recipients, not ${recipients.length}`,
    });
  }
  return problems;
}

/** Why `value` is not one of the allowed origins, or null when it is. */
function originProblem(
  value: string,
  what: string,
  allowed: readonly string[],
  environment: ConnectionEnvironment,
): string | null {
  const choices =
    environment === 'development'
      ? `${allowed.join(', ')}, or https on localhost or 127.0.0.1 (the simulators)`
      : allowed.join(', ');
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Not a URL: refused below like any other value that is not allowed.
  }
  if (url && url.origin !== value) {
    return `${value} is not an origin alone (https://host, no path, query or trailing slash); give ${what}: ${choices}`;
  }
  if (allowed.includes(value)) return null;
  if (environment === 'development' && url?.protocol === 'https:' && SIMULATOR_HOSTS.has(url.hostname)) return null;
  return `${value} is not ${what}; give one of ${choices}`;
}
