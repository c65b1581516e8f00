import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { DeploymentValues } from './deployment-values';
import { APP_PACKAGE_FOLDER } from './draw-icons';

export const MANIFEST_TEMPLATE = join(APP_PACKAGE_FOLDER, 'manifest.json');

/** The deployment values the package is made from. */
export const PACKAGE_VALUE_NAMES = [
  'TEAMS_APP_ID',
  'API_CLIENT_ID',
  'API_APP_ID_URI',
  'BOT_APP_ID',
  'TAB_BASE_URL',
  'API_BASE_URL',
] as const;
export type PackageValues = DeploymentValues<(typeof PACKAGE_VALUE_NAMES)[number]>;

/** A placeholder in the template: `${{NAME}}`, anywhere in a string. */
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

/** What each placeholder of the template stands for: the values, and the tab's and API's hosts (no scheme). */
export function placeholdersFor(values: PackageValues): Record<string, string> {
  return {
    TEAMS_APP_ID: values.TEAMS_APP_ID,
    API_CLIENT_ID: values.API_CLIENT_ID,
    API_APP_ID_URI: values.API_APP_ID_URI,
    BOT_APP_ID: values.BOT_APP_ID,
    TAB_BASE_URL: values.TAB_BASE_URL,
    TAB_HOSTNAME: new URL(values.TAB_BASE_URL).host,
    API_HOSTNAME: new URL(values.API_BASE_URL).host,
  };
}

/**
 * The template with every `${{NAME}}` in its strings replaced. Replacing in the parsed strings (not the file's
 * text) keeps any value from breaking the JSON. A placeholder with no value is an error, never left in.
 */
export function fillManifest(template: unknown, placeholders: Record<string, string>): Record<string, unknown> {
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = placeholders[name];
        if (value === undefined) unknown.add(name);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const filled = fill(template);
  if (unknown.size > 0) {
    throw new Error(`The manifest template has placeholders with no value: ${[...unknown].join(', ')}`);
  }
  if (filled === null || typeof filled !== 'object' || Array.isArray(filled)) {
    throw new Error('The manifest template is not a JSON object');
  }
  if (Array.isArray((filled as { validDomains?: unknown }).validDomains)) {
    // The tab and the API may share a host; Teams wants each domain once.
    const domains = (filled as { validDomains: unknown[] }).validDomains;
    (filled as { validDomains: unknown[] }).validDomains = [...new Set(domains)];
  }
  return filled as Record<string, unknown>;
}

export function readManifestTemplate(file = MANIFEST_TEMPLATE): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Where Microsoft publishes the schema of a manifest version; `$schema` must name it. */
export function schemaUrlOf(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/** The copy of that schema bundled in @microsoft/app-manifest, or null when the package has none for the version. */
export function bundledSchemaFile(manifestVersion: string): string | null {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return null;
  const packageFolder = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(
    packageFolder,
    'build',
    'json-schemas',
    'teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
  return existsSync(file) ? file : null;
}

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type ManifestObject = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/**
 * Checks a filled manifest against Microsoft's schema for its manifestVersion, read from the copy bundled in
 * @microsoft/app-manifest: offline, never fetched. Returns every problem found; none means valid.
 */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : '';
  const file = bundledSchemaFile(version);
  if (!file) return [`manifestVersion "${version}" has no schema bundled in @microsoft/app-manifest`];
  const problems: string[] = [];
  if (manifest.$schema !== schemaUrlOf(version)) {
    problems.push(`$schema must be ${schemaUrlOf(version)} for manifestVersion ${version}`);
  }
  // As the package does for the schemas it reads itself: JSON has no \a or \v escapes, some patterns use them.
  const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(text) as ManifestSchema;
  problems.push(...(await AppManifestUtils.validateAgainstSchema(manifest as ManifestObject, schema)));
  return problems;
}
