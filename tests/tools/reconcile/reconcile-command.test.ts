import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPULATION_SKUS } from '../../../local/tenants/graph/population';
import { councilTenants, type SimulatedGraph, startSimulatedGraph } from '../../support/simulated-graph';

const ROOT = join(__dirname, '..', '..', '..');
const COMMAND = join(ROOT, 'tools', 'reconcile', 'reconcile-command.ts');
// The planted cases are dated relative to now, and the command reconciles as of now.
const NOW = new Date();
const TENANTS = councilTenants(300);
const CODES = TENANTS.map((t) => t.partnerCode);
const SETTING = 'TEST_RECONCILER_SECRET';
const ROLES = ['User.Read.All', 'Organization.Read.All', 'AuditLog.Read.All'];
const E3_YEAR = 3080 * 12;

type Outcome = { code: number; stdout: string; stderr: string };

describe('npm run reconcile', () => {
  let sim: SimulatedGraph;
  const folder = mkdtempSync(join(tmpdir(), 'reconcile-command-'));

  beforeAll(async () => {
    sim = await startSimulatedGraph({
      tenants: TENANTS,
      now: NOW,
      roles: ROLES,
      skus: [{ skuId: POPULATION_SKUS.e3, skuPartNumber: 'SPE_E3', enabled: 400 }],
      secretSetting: SETTING,
    });
    const hr = sim.cases.flatMap((c) => c.hr ?? []);
    writeFileSync(
      join(folder, 'hr.csv'),
      [
        'Employee Number,Name,Work Email,Council,Start Date,Leave Date',
        ...hr.map((r) =>
          [r.employeeNumber, r.name, r.workEmail, CODES[r.tenant], r.startDate ?? '', r.leaveDate ?? ''].join(','),
        ),
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const connections = () => TENANTS.map((_, index) => sim.connectionFor(index));

  /** Runs the command in a child process that trusts the local CA, as a user would run it against Graph. */
  const reconcile = (config: unknown, env: Record<string, string> = sim.env): Promise<Outcome> => {
    const file = join(folder, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', COMMAND, '--config', file],
        { cwd: ROOT, env: { ...process.env, NODE_EXTRA_CA_CERTS: sim.certificates.caCertFile, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  };
  const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');

  /** What the planted cases must give: a count per finding type. */
  const expectedCounts = (without: string[] = []) => {
    const counts: Record<string, number> = {};
    for (const c of sim.cases) {
      if (c.expected && !without.includes(c.expected.type))
        counts[c.expected.type] = (counts[c.expected.type] ?? 0) + 1;
    }
    return counts;
  };
  const countsOf = (byType: Record<string, { count: number }>) =>
    Object.fromEntries(Object.entries(byType).map(([type, entry]) => [type, entry.count]));

  it('reads every tenant and prints the planted findings, by type and cost, as its last line', async () => {
    const outcome = await reconcile({ tenants: connections(), hrFeed: 'hr.csv', inactiveDays: 90, signIns: true });

    expect(outcome.stderr).not.toMatch(/failed/i);
    expect(outcome.code).toBe(0);
    const summary = lastLine(outcome.stdout);
    expect(countsOf(summary.byType)).toEqual(expectedCounts());
    expect(summary.tenants).toBe(3);
    expect(summary.findings).toBe(Object.values(expectedCounts()).reduce((a, b) => a + b, 0));
    expect(summary.byType['overlapping-skus']).toEqual({ count: 1, annualCostPence: E3_YEAR });
    expect(summary.byType['leaver-licensed']).toEqual({ count: 2, annualCostPence: 2 * E3_YEAR });
    expect(summary.annualCostGbp).toBe(summary.annualCostPence / 100);
    const seats = TENANTS.flatMap((_, index) =>
      Array.from({ length: sim.population.size(index) }, (_, i) => sim.population.userAt(index, i)).filter(
        (user) => user.userType === 'Member' && user.assignedLicenses.length > 0,
      ),
    );
    expect(summary.accounts).toBe(seats.length);
    for (const code of CODES) expect(outcome.stderr).toMatch(new RegExp(`^${code}: done, \\d+ users read`, 'm'));
  });

  it('skips the sign-in pass when told, so no account is found inactive', async () => {
    const outcome = await reconcile({ tenants: connections(), hrFeed: 'hr.csv', signIns: false });

    expect(outcome.code).toBe(0);
    expect(countsOf(lastLine(outcome.stdout).byType)).toEqual(expectedCounts(['inactive-licensed']));
  });

  it('refuses a bad config with exit code 2, naming every problem', async () => {
    const [first, second] = connections();
    const outcome = await reconcile(
      {
        tenants: [
          { ...first, clientId: 'not-a-uuid', clientSecret: 'oops' },
          { ...second, partnerCode: first?.partnerCode },
        ],
        prices: 'no-such-prices.json',
        inactiveDays: 3,
        signIns: 'yes',
      },
      {},
    );

    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('tenants[0].clientId');
    expect(outcome.stderr).toMatch(/tenants\[0\].*clientSecret.*never go in the file/);
    expect(outcome.stderr).toContain('tenants[1].partnerCode: listed twice');
    expect(outcome.stderr).toContain('inactiveDays');
    expect(outcome.stderr).toContain('signIns');
  });

  it('names a missing credential, price list and HR feed problems together, with exit code 2', async () => {
    writeFileSync(
      join(folder, 'bad-hr.csv'),
      'Employee Number,Name,Work Email,Council,Start Date,Leave Date\n1,A,b,XX,,\n',
    );
    const outcome = await reconcile({ tenants: connections(), prices: 'missing.json', hrFeed: 'bad-hr.csv' }, {});

    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`The app setting ${SETTING}`);
    expect(outcome.stderr).toMatch(/prices: the price list .*missing\.json cannot be read/);
    expect(outcome.stderr).toMatch(/hrFeed .*line 2: "b" is not an email address/);
  });

  it('refuses a file that is not JSON with exit code 2', async () => {
    const outcome = await reconcile('{ "tenants": [');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/is not valid JSON/);
  });

  it('reports a sign-in failure with exit code 1', async () => {
    const outcome = await reconcile({ tenants: connections(), signIns: false }, { [SETTING]: 'a wrong secret' });

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/Reading (CCC|HDC|SCDC) failed: Could not get a Microsoft Graph token/);
  });

  it('explains itself with --help', async () => {
    const outcome = await new Promise<Outcome>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', COMMAND, '--help'], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Usage: npm run reconcile -- --config <file>/);
  });
});
