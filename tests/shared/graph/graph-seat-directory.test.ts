import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPULATION_SKUS } from '../../../local/tenants/graph/population';
import { readCredentialSetting } from '../../../shared/graph/credential-setting';
import { createSeatDirectory } from '../../../shared/graph/graph-seat-directory';
import type { FullScan } from '../../../shared/licences/gateways';
import { toLicensedAccount } from '../../../shared/licences/graph-user';
import {
  councilTenants,
  type SimulatedGraph,
  startSimulatedGraph,
  userReadOnlyIn,
} from '../../support/simulated-graph';

const NOW = new Date('2026-11-22T09:00:00Z');
const TENANTS = councilTenants(2_500);

describe('GraphSeatDirectory against the simulated tenants and Graph', () => {
  let sim: SimulatedGraph;

  beforeAll(async () => {
    sim = await startSimulatedGraph({
      tenants: TENANTS,
      now: NOW,
      // SCDC's registration was only granted User.Read.All.
      roles: userReadOnlyIn('SCDC'),
      // Tight, so the sign-in pass meets the throttle within a few pages and the test stays fast.
      signInActivity: { perMinute: 600, burst: 1 },
    });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  /** A directory for one tenant, and how many HTTP requests it has sent to Graph. */
  const directoryFor = (index: number, options: { signInBudgetMs?: number; env?: Record<string, string> } = {}) => {
    let requests = 0;
    const directory = createSeatDirectory(sim.connectionFor(index), options.env ?? sim.env, {
      onHttpRequest: () => {
        requests += 1;
      },
      retryDelaySeconds: 1,
      ...(options.signInBudgetMs ? { signInBudgetMs: options.signInBudgetMs } : {}),
    });
    return { directory, requests: () => requests };
  };

  const tenantId = (index: number) => TENANTS[index]?.tenantId as string;
  const usersOf = (index: number) =>
    Array.from({ length: sim.population.size(index) }, (_, i) => sim.population.userAt(index, i));
  /** What Graph's licensed-users query returns: guests with a licence too. */
  const licensedIn = (index: number) => usersOf(index).filter((user) => user.assignedLicenses.length > 0);
  /** The seats, computed from the population itself. */
  const seatsIn = (index: number) =>
    usersOf(index).flatMap(
      (user) => toLicensedAccount(user, TENANTS[index] as { tenantId: string; partnerCode: string }) ?? [],
    );
  const simulatorCount = (index: number) => sim.graph.requestCounts()[tenantId(index)] ?? 0;

  it('reads exactly the licensed members in two halves of pages of 999, with the SKUs and a delta link', async () => {
    const { directory, requests } = directoryFor(0);
    const progress: [number, number | null][] = [];
    const scan = await directory.fullScan((read, expected) => progress.push([read, expected]));

    const licensed = licensedIn(0).length;
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(scan.accounts.map((account) => account.id).sort()).toEqual(
      usersOf(0)
        .filter((user) => user.userType === 'Member' && user.assignedLicenses.length > 0)
        .map((user) => user.id)
        .sort(),
    );
    expect([...scan.accounts].sort(byId)).toEqual([...seatsIn(0)].sort(byId));
    expect(scan.usersRead).toBe(licensed);
    // Split at "m": each half is paged on its own, plus one batch for the SKUs and the delta link.
    const firstHalf = seatsIn(0).filter((seat) => seat.userPrincipalName.toLowerCase() <= 'm').length;
    const pages = Math.ceil(firstHalf / 999) + Math.ceil((licensed - firstHalf) / 999);
    expect(firstHalf).toBeGreaterThan(licensed / 4);
    expect(firstHalf).toBeLessThan((licensed * 3) / 4);
    expect(requests()).toBe(pages + 1);
    expect(requests()).toBeLessThanOrEqual(Math.ceil(licensed / 999) + 2);
    expect(progress).toHaveLength(pages);
    expect(progress.at(-1)).toEqual([licensed, licensed]);
    expect(scan.deltaLink).toMatch(/^https:\/\/localhost:\d+\/v1\.0\/users\/delta\?\$deltatoken=/);
    expect(scan.skus).toEqual([
      {
        skuId: POPULATION_SKUS.e3,
        skuPartNumber: 'SPE_E3',
        enabled: 3000,
        consumed: usersOf(0).filter((user) => user.assignedLicenses.some((l) => l.skuId === POPULATION_SKUS.e3)).length,
      },
    ]);
  });

  it('gives the same seats through a 429 storm, a 429 inside the batch, a 503 and a slow tenant', async () => {
    const clean = directoryFor(1);
    const baseline = await clean.directory.fullScan(() => {});
    const sameAs = (scan: FullScan) => {
      expect(scan.accounts).toEqual(baseline.accounts);
      expect(scan.skus).toEqual(baseline.skus);
      expect(scan.deltaLink).toMatch(/\$deltatoken=/);
    };

    const faults = [
      { throttleNext: 5, retryAfterSeconds: 1 },
      // The batch leaves with the first page: at least one of its requests gets the second 429, inside the 200.
      { throttleNext: 2, retryAfterSeconds: 1 },
      { unavailableNext: 1 },
      { pageDelayMs: 150 },
    ];
    for (const fault of faults) {
      sim.graph.setFaults(tenantId(1), fault);
      const { directory, requests } = directoryFor(1);
      sameAs(await directory.fullScan(() => {}));
      if (!fault.pageDelayMs) expect(requests()).toBeGreaterThan(clean.requests());
    }
    sim.graph.setFaults(tenantId(1), {});
  });

  it('resends only the throttled request of a batch', async () => {
    const { deltaLink } = await directoryFor(1).directory.fullScan(() => {});
    sim.graph.setFaults(tenantId(1), { throttleNext: 1, retryAfterSeconds: 1 });
    const { directory, requests } = directoryFor(1);
    const before = simulatorCount(1);
    const delta = await directory.deltaScan(deltaLink, () => {});
    expect(delta).toMatchObject({ kind: 'changes', changes: [] });
    // The batch of two, then a batch of the one throttled request.
    expect(requests()).toBe(2);
    expect(simulatorCount(1) - before).toBe(3);
    sim.graph.setFaults(tenantId(1), {});
  });

  it('reads a new licence, a removed licence and a leave date as changes, in one request', async () => {
    const { deltaLink } = await directoryFor(0).directory.fullScan(() => {});
    const users = usersOf(0);
    const position = (test: (user: (typeof users)[number]) => boolean, after = 0) =>
      users.findIndex((user, i) => i >= after && test(user));
    const unlicensed = position((u) => u.userType === 'Member' && u.assignedLicenses.length === 0, 100);
    const licensed = position((u) => u.userType === 'Member' && u.assignedLicenses.length > 0, 200);
    const leaver = position((u) => u.userType === 'Member' && u.assignedLicenses.length > 0, 1_500);
    sim.population.change(0, unlicensed, { assignedLicenses: [{ skuId: POPULATION_SKUS.e5, disabledPlans: [] }] });
    sim.population.change(0, licensed, { assignedLicenses: [] });
    sim.population.change(0, leaver, { employeeLeaveDateTime: '2026-12-31T17:00:00Z' });

    const { directory, requests } = directoryFor(0);
    const delta = await directory.deltaScan(deltaLink, () => {});
    if (delta.kind !== 'changes') throw new Error('expected changes');
    const tenant = TENANTS[0] as { tenantId: string; partnerCode: string };
    expect(delta.changes).toEqual(
      [unlicensed, licensed, leaver]
        .sort((a, b) => a - b)
        .map((i) => ({
          id: sim.population.userAt(0, i).id,
          account: toLicensedAccount(sim.population.userAt(0, i), tenant),
        })),
    );
    expect(delta.changes.find((c) => c.id === sim.population.userAt(0, licensed).id)?.account).toBeNull();
    expect(delta.changes.find((c) => c.id === sim.population.userAt(0, unlicensed).id)?.account?.skuIds).toEqual([
      POPULATION_SKUS.e5,
    ]);
    expect(delta.changes.find((c) => c.id === sim.population.userAt(0, leaver).id)?.account).toMatchObject({
      employeeLeaveDateTime: '2026-12-31T17:00:00Z',
    });
    expect(delta.usersRead).toBe(3);
    expect(delta.skus[0]?.skuPartNumber).toBe('SPE_E3');
    expect(requests()).toBe(1);

    const again = await directory.deltaScan(delta.deltaLink, () => {});
    expect(again).toMatchObject({ kind: 'changes', changes: [], usersRead: 0 });
    expect(requests()).toBe(2);
  });

  it('reads again in full the users a delta round sends with only some properties', async () => {
    const { deltaLink } = await directoryFor(1).directory.fullScan(() => {});
    const users = usersOf(1);
    const licensed = users.findIndex((u, i) => i > 300 && u.userType === 'Member' && u.assignedLicenses.length > 0);
    sim.population.change(1, licensed, { employeeLeaveDateTime: '2026-10-31T17:00:00Z' });
    sim.graph.setFaults(tenantId(1), { partialDeltaUsers: true });
    const { directory, requests } = directoryFor(1);
    const delta = await directory.deltaScan(deltaLink, () => {});
    sim.graph.setFaults(tenantId(1), {});
    if (delta.kind !== 'changes') throw new Error('expected changes');
    const tenant = TENANTS[1] as { tenantId: string; partnerCode: string };
    // Without the second read the partial user would have no licences and look like a seat given back.
    expect(delta.changes).toEqual([
      {
        id: sim.population.userAt(1, licensed).id,
        account: toLicensedAccount(sim.population.userAt(1, licensed), tenant),
      },
    ]);
    expect(delta.changes[0]?.account?.employeeLeaveDateTime).toBe('2026-10-31T17:00:00Z');
    expect(requests()).toBe(2);
  });

  it('follows the next link past 999 changes', async () => {
    const { deltaLink } = await directoryFor(0).directory.fullScan(() => {});
    for (let i = 0; i < 1_200; i++) sim.population.change(0, i, { accountEnabled: i % 2 === 0 });
    const { directory, requests } = directoryFor(0);
    const delta = await directory.deltaScan(deltaLink, () => {});
    if (delta.kind !== 'changes') throw new Error('expected changes');
    expect(delta.changes).toHaveLength(1_200);
    expect(requests()).toBe(2);
    const again = await directory.deltaScan(delta.deltaLink, () => {});
    expect(again).toMatchObject({ kind: 'changes', changes: [] });
  });

  it('answers expired when Graph says 410, or when the link is for another Graph', async () => {
    const { deltaLink } = await directoryFor(0).directory.fullScan(() => {});
    sim.graph.setFaults(tenantId(0), { expireDeltaTokens: true });
    const { directory, requests } = directoryFor(0);
    expect(await directory.deltaScan(deltaLink, () => {})).toEqual({ kind: 'expired' });
    expect(requests()).toBe(1);
    sim.graph.setFaults(tenantId(0), {});
    const elsewhere = deltaLink.replace(/^https:\/\/localhost:\d+/, 'https://graph.microsoft.com');
    expect(await directory.deltaScan(elsewhere, () => {})).toEqual({ kind: 'expired' });
    expect(requests()).toBe(1);
  });

  it('reads the sign-ins of every licensed user through a tight sign-in throttle', async () => {
    const { directory, requests } = directoryFor(1);
    const before = simulatorCount(1);
    const progress: number[] = [];
    const signIns = await directory.readSignIns((read) => progress.push(read));

    const licensed = licensedIn(1);
    expect(signIns).toEqual(
      new Map(licensed.map((user) => [user.id, user.signInActivity.lastSuccessfulSignInDateTime])),
    );
    const pages = Math.ceil(licensed.length / 500);
    expect(progress).toHaveLength(pages);
    // More requests than pages: the throttle answered 429 and the pass waited and asked again.
    expect(requests()).toBeGreaterThan(pages);
    expect(simulatorCount(1) - before).toBe(requests());
  });

  it('gives up on the sign-in pass, clearly, once its time budget is spent', async () => {
    const { directory } = directoryFor(1, { signInBudgetMs: 300 });
    await expect(directory.readSignIns(() => {})).rejects.toThrow(/sign-in activity pass for HDC ran out of its/);
  });

  it('sends mail with recipients, subject and attachment, not saved to sent items', async () => {
    const { directory, requests } = directoryFor(0);
    const csv = 'account,finding\nruth.collins@ccc.example,duplicate-seat\n';
    await directory.sendMail('licences@ccc.example', {
      to: ['priya.shah@ccc.example', 'it@ccc.example'],
      subject: 'Licence report: November',
      html: '<p>Two findings.</p>',
      attachments: [{ name: 'findings.csv', contentType: 'text/csv', content: csv }],
    });
    expect(requests()).toBe(1);
    const sent = sim.graph.outbox().at(-1);
    expect(sent).toMatchObject({
      tenantId: tenantId(0),
      fromUserId: 'licences@ccc.example',
      message: {
        saveToSentItems: false,
        message: {
          subject: 'Licence report: November',
          body: { contentType: 'HTML', content: '<p>Two findings.</p>' },
          toRecipients: [
            { emailAddress: { address: 'priya.shah@ccc.example' } },
            { emailAddress: { address: 'it@ccc.example' } },
          ],
          attachments: [
            { '@odata.type': '#microsoft.graph.fileAttachment', name: 'findings.csv', contentType: 'text/csv' },
          ],
        },
      },
    });
    const message = sent?.message as { message: { attachments: { contentBytes: string }[] } } | undefined;
    const contentBytes = message?.message.attachments[0]?.contentBytes ?? '';
    expect(Buffer.from(contentBytes, 'base64').toString('utf8')).toBe(csv);
  });

  it('fails clearly, and at once, when the app registration lacks a permission', { timeout: 8_000 }, async () => {
    const { directory, requests } = directoryFor(2);
    await expect(directory.readSignIns(() => {})).rejects.toThrow(
      /answered 403 to GET \/users \(signInActivity\) for SCDC.*AuditLog\.Read\.All/,
    );
    expect(requests()).toBe(1);
    await expect(directory.fullScan(() => {})).rejects.toThrow(
      /403 to GET \/subscribedSkus for SCDC.*LicenseAssignment\.Read\.All/,
    );
    await expect(
      directory.sendMail('licences@scdc.example', { to: ['a@scdc.example'], subject: 's', html: 'h' }),
    ).rejects.toThrow(/Mail\.Send/);
  });

  it('fails clearly on a wrong secret or a missing setting', async () => {
    const { directory } = directoryFor(0, { env: { RECONCILER_SECRET: 'not-the-secret' } });
    await expect(directory.fullScan(() => {})).rejects.toThrow(/Could not get a Microsoft Graph token for CCC/);
    expect(() => readCredentialSetting(sim.connectionFor(0), {})).toThrow(/app setting RECONCILER_SECRET/);
    expect(() => createSeatDirectory(sim.connectionFor(0), { RECONCILER_SECRET: ' ' })).toThrow(/RECONCILER_SECRET/);
    const unresolved = { RECONCILER_SECRET: '@Microsoft.KeyVault(VaultName=kv-hub;SecretName=reconciler-ccc)' };
    expect(() => readCredentialSetting(sim.connectionFor(0), unresolved)).toThrow(/Key Vault reference .* not resolve/);
  });
});
