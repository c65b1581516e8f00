import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { isLoopbackHost } from '../../shared/config/loopback';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The Teams app's own id, fixed so every package of this product updates the same app; TEAMS_APP_ID overrides it. */
export const DEFAULT_TEAMS_APP_ID = '630d6416-a2c1-4e6d-9dc7-23ac7dd6eada';

const guid = z
  .guid({ message: 'must be a GUID, such as 630d6416-a2c1-4e6d-9dc7-23ac7dd6eada' })
  .transform((value) => value.toLowerCase());

/** An https origin with nothing after it (a trailing slash is allowed), given back without the slash. */
const httpsOrigin = z.string().transform((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({
      code: 'custom',
      message: `must be an https URL such as https://host.example.org, not "${value}"`,
    });
    return z.NEVER;
  }
  const problem =
    url.protocol !== 'https:'
      ? 'must start with https://'
      : url.username || url.password
        ? 'must not carry a user name or password'
        : url.pathname !== '/' || url.search || url.hash
          ? `must be the site's root, with no path, query or fragment (${url.origin})`
          : null;
  if (problem) {
    context.addIssue({ code: 'custom', message: `${problem}, not "${value}"` });
    return z.NEVER;
  }
  return url.origin;
});

/** Microsoft Entra ID's public cloud, where the partner councils' work accounts sign in unless a national cloud's. */
export const PUBLIC_CLOUD_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** The authority the tab signs in with: an https origin, and not the local simulated tenants, which Azure refuses. */
const authorityHost = httpsOrigin.refine(
  (origin) => !isLoopbackHost(new URL(origin).hostname),
  'must be a Microsoft Entra authority, not the local simulated tenants on this machine',
);

const appIdUri = z
  .string()
  .regex(/^api:\/\/[^/\s]+\/[^\s]+$/, 'must be an application ID URI such as api://<tab host>/<API_CLIENT_ID>');

/** Every value the Teams commands read, with what makes it valid; the names are the deployment's outputs. */
export const DEPLOYMENT_VALUES = {
  API_BASE_URL: httpsOrigin,
  API_CLIENT_ID: guid,
  API_APP_ID_URI: appIdUri,
  BOT_APP_ID: guid,
  ENTRA_AUTHORITY_HOST: authorityHost,
  TAB_BASE_URL: httpsOrigin,
  TEAMS_APP_ID: guid,
} as const;

export type DeploymentValueName = keyof typeof DEPLOYMENT_VALUES;
export type DeploymentValues<N extends DeploymentValueName> = {
  [K in N]: z.output<(typeof DEPLOYMENT_VALUES)[K]>;
};

/** Values that may be left out, with what stands in for them. */
const DEFAULTS: Partial<Record<DeploymentValueName, string>> = {
  TEAMS_APP_ID: DEFAULT_TEAMS_APP_ID,
  // As infra/main.parameters.json gives the template when the azd environment has no ENTRA_AUTHORITY_HOST.
  ENTRA_AUTHORITY_HOST: PUBLIC_CLOUD_AUTHORITY_HOST,
};

/** Deployment values that cannot be used, each problem naming its value, so they can all be fixed in one go. */
export class DeploymentValueProblems extends Error {
  constructor(readonly problems: string[]) {
    super(`The deployment values cannot be used:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'DeploymentValueProblems';
  }
}

export type ReadOptions = {
  env?: Readonly<Record<string, string | undefined>>;
  /** The repository root, where azd keeps `.azure/`. */
  root?: string;
};

/**
 * Reads the named values from the environment, or, where one is not set there, from the azd environment's
 * `.azure/<AZURE_ENV_NAME>/.env` (the environment named by AZURE_ENV_NAME, else azd's default environment in
 * `.azure/config.json`), and checks them all. Throws DeploymentValueProblems naming every missing or malformed one.
 */
export function readDeploymentValues<N extends DeploymentValueName>(
  names: readonly N[],
  options: ReadOptions = {},
): DeploymentValues<N> {
  const env = options.env ?? process.env;
  const root = options.root ?? REPO_ROOT;
  const problems: string[] = [];
  const azd = azdEnvironment(env, root, problems);
  const values: Record<string, unknown> = {};

  for (const name of names) {
    const fromEnv = env[name]?.trim();
    const fromFile = azd?.values[name]?.trim();
    const raw = fromEnv || fromFile || DEFAULTS[name];
    if (!raw) {
      const looked = azd
        ? `the environment nor in ${azd.where}${azd.found ? '' : ', which does not exist'}`
        : 'the environment, and no azd environment is selected: set AZURE_ENV_NAME or run azd env select';
      problems.push(`${name}: missing (not in ${looked})`);
      continue;
    }
    const where = fromEnv ? 'from the environment' : fromFile ? `from ${azd?.where}` : 'the default';
    const parsed = DEPLOYMENT_VALUES[name].safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => `${name} (${where}): ${issue.message}`));
  }

  problems.push(...crossChecks(values));
  if (problems.length > 0) throw new DeploymentValueProblems(problems);
  return values as DeploymentValues<N>;
}

/**
 * Teams single sign-on asks Entra ID for a token whose audience is the tab's own domain: the API's application ID
 * URI must be api://<the tab's host>/<the API's client id>, or Teams refuses to hand the tab a token.
 */
function crossChecks(values: Record<string, unknown>): string[] {
  const { API_APP_ID_URI: uri, API_CLIENT_ID: clientId, TAB_BASE_URL: tab } = values;
  if (typeof uri !== 'string' || typeof clientId !== 'string' || typeof tab !== 'string') return [];
  const expected = `api://${new URL(tab).host}/${clientId}`;
  return uri.toLowerCase() === expected.toLowerCase()
    ? []
    : [`API_APP_ID_URI: must be ${expected} (the tab's host and API_CLIENT_ID) for Teams single sign-on, not ${uri}`];
}

type AzdEnvironment = { name: string; where: string; found: boolean; values: Record<string, string> };

/** The azd environment's values, or null when there is none (or it cannot be read, which is then a problem). */
function azdEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  root: string,
  problems: string[],
): AzdEnvironment | null {
  const name = env.AZURE_ENV_NAME?.trim() || defaultEnvironment(root);
  if (!name) return null;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.includes('..')) {
    problems.push(`AZURE_ENV_NAME: "${name}" is not an azd environment name`);
    return null;
  }
  const file = join(root, '.azure', name, '.env');
  const where = relative(root, file);
  if (!existsSync(file)) return { name, where, found: false, values: {} };
  try {
    return { name, where, found: true, values: parseDotEnv(readFileSync(file, 'utf8')) };
  } catch (error) {
    problems.push(`${where}: cannot be read (${(error as Error).message})`);
    return null;
  }
}

function defaultEnvironment(root: string): string | undefined {
  const file = join(root, '.azure', 'config.json');
  if (!existsSync(file)) return undefined;
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { defaultEnvironment?: unknown };
    return typeof config.defaultEnvironment === 'string' ? config.defaultEnvironment : undefined;
  } catch {
    return undefined;
  }
}

/** The `KEY="value"` lines azd writes (quoted, with backslash escapes), also unquoted and single-quoted ones. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match as unknown as [string, string, string];
    if (rest.startsWith('"')) {
      const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
      values[key] = (quoted?.[1] ?? rest.slice(1)).replace(/\\(.)/g, (_, c: string) =>
        c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
      );
    } else if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      values[key] = end < 0 ? rest.slice(1) : rest.slice(1, end);
    } else {
      values[key] = rest.replace(/\s+#.*$/, '');
    }
  }
  return values;
}
