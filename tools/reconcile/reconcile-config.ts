import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { readCredentialSetting } from '../../shared/graph/credential-setting';
import type { HrRecord } from '../../shared/licences/find-waste';
import { parseHrFeed } from '../../shared/licences/hr-feed';
import type { PriceList } from '../../shared/licences/price-list';
import { licencePriceList, type TenantConnection, tenantConnection } from '../../shared/schemas/licences';

/** The demo price list, used when a config names none. */
export const DEMO_PRICE_LIST = join(__dirname, '..', '..', 'local', 'demo-data', 'licences', 'prices.json');

/**
 * A one-off reconciliation's config file: the tenants (which name the environment variables holding their
 * credentials, never the credentials), the price list, an optional HR feed and the thresholds. Paths are relative
 * to the config file, so a config and its files can travel together.
 */
export const reconcileConfig = z
  .object({
    tenants: z.array(tenantConnection).min(1),
    prices: z.string().min(1).optional(),
    hrFeed: z.string().min(1).optional(),
    inactiveDays: z.number().int().min(7).max(730).default(90),
    /** Whether to read sign-in activity, which Graph throttles hard: without it no account is found inactive. */
    signIns: z.boolean().default(true),
  })
  .strict();

/**
 * Tenants listed twice, checked on the raw file rather than in a refinement, which zod skips whenever any other
 * field is wrong: the command names every problem at once.
 */
function duplicateTenants(raw: unknown): string[] {
  const tenants = (raw as { tenants?: unknown } | null)?.tenants;
  if (!Array.isArray(tenants)) return [];
  return (['partnerCode', 'tenantId'] as const).flatMap((field) => {
    const values = tenants.map((tenant) => {
      const value = (tenant as Record<string, unknown> | null)?.[field];
      return typeof value === 'string' ? value.toLowerCase() : null;
    });
    return values.flatMap((value, index) =>
      value !== null && values.indexOf(value) !== index ? [`tenants[${index}].${field}: listed twice`] : [],
    );
  });
}

/** A config with its files read and checked: everything a run needs but the credentials' values. */
export type LoadedConfig = {
  tenants: TenantConnection[];
  prices: PriceList;
  pricesFile: string;
  hr: HrRecord[];
  inactiveDays: number;
  signIns: boolean;
};

/** A config that cannot be run, with every problem found in it, so they can all be fixed in one go. */
export class ConfigProblems extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The config file ${file} cannot be used:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigProblems';
  }
}

/** Reads and checks a config file, its price list and HR feed, and that each credential's variable is set. */
export function loadReconcileConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LoadedConfig {
  const raw = readJson(file, 'the config file');
  if (!raw.ok) throw new ConfigProblems(file, [raw.problem]);
  const parsed = reconcileConfig.safeParse(raw.value);
  const duplicates = duplicateTenants(raw.value);
  if (!parsed.success || duplicates.length > 0) {
    throw new ConfigProblems(file, [...(parsed.error?.issues.map(describeIssue) ?? []), ...duplicates]);
  }
  const config = parsed.data;
  const problems: string[] = [];
  const here = dirname(resolve(file));

  for (const tenant of config.tenants) {
    try {
      readCredentialSetting(tenant, env);
    } catch (error) {
      problems.push(`tenants (${tenant.partnerCode}): ${(error as Error).message}`);
    }
  }

  const pricesFile = config.prices ? resolve(here, config.prices) : DEMO_PRICE_LIST;
  let prices: PriceList | null = null;
  const priceJson = readJson(pricesFile, 'the price list');
  if (!priceJson.ok) problems.push(`prices: ${priceJson.problem}`);
  else {
    const list = licencePriceList.safeParse(priceJson.value);
    if (list.success) prices = list.data;
    else problems.push(...list.error.issues.map((issue) => `prices (${pricesFile}): ${describeIssue(issue)}`));
  }

  let hr: HrRecord[] = [];
  if (config.hrFeed) {
    const hrFile = resolve(here, config.hrFeed);
    try {
      const codes = config.tenants.map((tenant) => tenant.partnerCode);
      hr = parseHrFeed(readFileSync(hrFile, 'utf8'), codes);
    } catch (error) {
      const detail = (error as { problems?: { path: string; message: string }[] }).problems ?? [];
      const reason = (error as Error).message;
      if (detail.length === 0) problems.push(`hrFeed: ${hrFile}: ${reason}`);
      for (const item of detail) problems.push(`hrFeed (${hrFile}) ${item.path}: ${item.message}`);
    }
  }

  if (problems.length > 0 || !prices) throw new ConfigProblems(file, problems);
  return {
    tenants: config.tenants,
    prices,
    pricesFile,
    hr,
    inactiveDays: config.inactiveDays,
    signIns: config.signIns,
  };
}

function readJson(file: string, what: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problem: `${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `${what} ${file} is not valid JSON (${(error as Error).message})` };
  }
}

/** `tenants[0].clientId: Invalid UUID`, with a hint when someone put a credential into the file. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const secret = keys.some((key) => /secret|password|private|key$/i.test(key))
    ? ' (credentials never go in the file: put them in the environment variable named by credential.setting)'
    : '';
  return `${path || '(top level)'}: ${issue.message}${secret}`;
}
