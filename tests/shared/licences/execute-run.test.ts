import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedGraphUser } from '../../../local/tenants/graph/population';
import { POPULATION_SKUS } from '../../../local/tenants/graph/population';
import { DomainError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity/caller';
import { addExclusion } from '../../../shared/licences/exclusions';
import { executeRun } from '../../../shared/licences/execute-run';
import type { FindingStore, LicenceFiles } from '../../../shared/licences/gateways';
import { toLicensedAccount } from '../../../shared/licences/graph-user';
import { latestSucceededRun } from '../../../shared/licences/latest-run';
import type { LicenceRun, RunTrigger } from '../../../shared/licences/licence-run';
import { listFindings } from '../../../shared/licences/list-findings';
import { decideMatch } from '../../../shared/licences/match-decisions';
import type { ReconcilerDeps } from '../../../shared/licences/reconciler-deps';
import { requestRun } from '../../../shared/licences/request-run';
import type { Stored } from '../../../shared/stores/record-store';
import { type LicenceStack, startLicenceStack } from '../../support/licence-stack';

/** Microsoft 365 E3 at the demo price, £30.80 a month, for a year. */
const E3_YEAR = 3080 * 12;
const CODES = ['CCC', 'HDC', 'SCDC'] as const;
const DAY_MS = 24 * 3600 * 1000;

const summary = (f: { type: string; partnerCodes: readonly string[] }) =>
  `${f.type} ${[...f.partnerCodes].sort().join('/')}`;
const ids = (findings: readonly { id: string }[]) => findings.map((f) => f.id).sort();

/**
 * executeRun against the real stores (Cosmos DB stand-in, Azurite) and Microsoft Graph simulated over HTTPS with
 * the demo population: what a run finds and writes, that Graph's faults and the stores' failures never change or
 * lose a report, that runs never overlap, delta scans, delivery by mail, and that decisions and exclusions are
 * remembered from one run to the next. Runs follow one another in one stack, as they would in production.
 */
describe('executeRun over the demo councils', () => {
  let stack: LicenceStack;
  let pid: string;

  const sam: Caller = {
    partnershipId: '3c-ict',
    partnerCode: 'HDC',
    roles: ['staff', 'partnership-admin'],
    tenantId: '3c1c0002-0000-4000-8000-000000000002',
    userId: 'sam-smith',
    name: 'Sam Smith',
  };

  /** Requests a run and works it through, as the queue worker does. */
  const run = async (
    options: { forceFull?: boolean; trigger?: RunTrigger; deps?: ReconcilerDeps } = {},
  ): Promise<Stored<LicenceRun>> => {
    const deps = options.deps ?? stack.deps;
    const queued = await requestRun(deps, pid, options.trigger ?? 'manual', null, { forceFull: options.forceFull });
    const done = await executeRun(deps, { partnershipId: pid, runId: queued.id });
    if (!done) throw new Error(`executeRun found no run ${queued.id}`);
    return done;
  };
  const findingsOf = (runId: string) => stack.runtime.stores.licenceFindings.list(pid, runId);
  const storedRun = async (runId: string) => (await stack.runtime.stores.licenceRuns.get(pid, runId))?.record;
  const tenantIdOf = (index: number) => stack.population.tenants[index]?.tenantId as string;
  const usersOf = (index: number) =>
    Array.from({ length: stack.population.size(index) }, (_, i) => ({ i, user: stack.population.userAt(index, i) }));
  const keyOf = (index: number, user: SimulatedGraphUser) => `${tenantIdOf(index)}/${user.id}`;
  const planted = (index: number, givenName: string, surname: string) => {
    const found = usersOf(index).find(({ user }) => user.givenName === givenName && user.surname === surname);
    if (!found) throw new Error(`No ${givenName} ${surname} in tenant ${index}`);
    return found;
  };

  /** What the planted cases say a run must find, as `type councils`, sorted. */
  const plantedFindings = () => stack.population.cases.flatMap((c) => (c.expected ? [summary(c.expected)] : [])).sort();
  /** The current report's run; one is made first when no run has succeeded yet (a test run on its own). */
  const currentRun = async () => (await latestSucceededRun(stack.runtime.stores.licenceRuns, pid)) ?? (await run());

  beforeAll(async () => {
    stack = await startLicenceStack();
    pid = stack.partnershipId;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('finds every planted case, with its councils and cost, and nothing else; writes reports, card and state', async () => {
    const first = await run();
    expect(first.status, first.error ?? '').toBe('succeeded');
    expect(first.error).toBeNull();
    expect(first.finishedAt).not.toBeNull();

    const firstFindings = await findingsOf(first.id);
    expect(plantedFindings()).toHaveLength(10);
    expect(firstFindings.map(summary).sort()).toEqual(plantedFindings());
    for (const finding of firstFindings) {
      const seats = finding.type === 'duplicate-seat' ? finding.accounts.length - 1 : 1;
      expect(finding.annualCostPence, summary(finding)).toBe(seats * E3_YEAR);
      expect(finding.skuPartNumbers, summary(finding)).toContain('SPE_E3');
    }
    const costOf = (key: string) => firstFindings.find((f) => summary(f) === key)?.annualCostPence;
    expect(costOf('duplicate-seat CCC/HDC/SCDC')).toBe(2 * E3_YEAR);
    expect(firstFindings.find((f) => f.type === 'starter-already-licensed')?.costByPartner).toEqual({ HDC: E3_YEAR });

    // Totals agree with the findings and with the population Graph served.
    const seatsIn = (index: number) =>
      usersOf(index).filter(({ user }) =>
        toLicensedAccount(user, { tenantId: tenantIdOf(index), partnerCode: CODES[index] as string }),
      ).length;
    expect(first.totals).toMatchObject({
      findings: 10,
      annualCostPence: 11 * E3_YEAR,
      accounts: seatsIn(0) + seatsIn(1) + seatsIn(2),
      candidateMatches: 1,
    });
    for (const code of CODES) {
      const involving = firstFindings.filter((f) => f.partnerCodes.includes(code));
      expect(first.totals?.byPartner[code]).toEqual({
        count: involving.length,
        annualCostPence: involving.reduce((sum, f) => sum + (f.costByPartner[code] ?? 0), 0),
      });
    }

    // CSV reports: the whole partnership's, and each council's with only the findings involving it.
    const all = await stack.runtime.licenceFiles.readReport(first.reports?.all as string);
    const rowsOf = (csv: string | null) =>
      (parse(csv ?? '', { bom: true, columns: true }) as Record<string, string>[]).map((row) => ({
        id: row.Finding as string,
        councils: (row.Councils as string).split(' '),
      }));
    expect(ids(rowsOf(all))).toEqual(ids(firstFindings));
    for (const code of CODES) {
      const csv = await stack.runtime.licenceFiles.readReport(first.reports?.byPartner[code] as string);
      const rows = rowsOf(csv);
      expect(
        rows.every((row) => row.councils.includes(code)),
        code,
      ).toBe(true);
      expect(ids(rows), code).toEqual(ids(firstFindings.filter((f) => f.partnerCodes.includes(code))));
    }
    expect(JSON.stringify(first.summaryCard)).toContain('£4,065.60 a year in 10 findings');

    // What the next run starts from: a delta link and a readable snapshot per tenant.
    expect(first.tenantState.map((t) => t.partnerCode).sort()).toEqual([...CODES]);
    for (const state of first.tenantState) {
      const index = stack.population.tenants.findIndex((t) => t.tenantId === state.tenantId);
      expect(state.deltaLink).toMatch(new RegExp(`^${stack.graph.baseUrl}/v1\\.0/users/delta\\?\\$deltatoken=`));
      expect(state.accounts).toBe(seatsIn(index));
      expect(state.signInsReadAt).not.toBeNull();
      expect(await stack.runtime.licenceFiles.readSnapshot(state.snapshot)).toHaveLength(seatsIn(index));
    }
    expect(first.progress).toHaveLength(3);
    for (const progress of first.progress) {
      expect(progress).toMatchObject({ scan: 'full', phase: 'done' });
      expect(progress.usersRead).toBeGreaterThan(0);
    }
    expect(await latestSucceededRun(stack.runtime.stores.licenceRuns, pid)).toMatchObject({ id: first.id });
  });

  it('gives the same findings and totals through a 429 storm (in $batch too), a 503 and a slow tenant', async () => {
    const beforeClean = stack.graph.requestCounts();
    const clean = await run({ forceFull: true });
    expect(clean.status).toBe('succeeded');
    const cleanIds = ids(await findingsOf(clean.id));
    // What a clean full scan costs per tenant, to tell that each fault was met and each faulty answer asked again.
    const cleanCounts = stack.graph.requestCounts();
    const cleanRequests = (tenantId: string) => (cleanCounts[tenantId] ?? 0) - (beforeClean[tenantId] ?? 0);
    expect((await findingsOf(clean.id)).map(summary).sort()).toEqual(plantedFindings());
    const faults = [{ throttleNext: 5, retryAfterSeconds: 1 }, { unavailableNext: 1 }, { pageDelayMs: 400 }];
    for (const fault of faults) {
      const before = stack.graph.requestCounts();
      // The slow tenant is one council; throttling and unavailability hit all three.
      const hit = fault.pageDelayMs ? [tenantIdOf(1)] : stack.population.tenants.map((t) => t.tenantId);
      for (const tenantId of hit) stack.graph.setFaults(tenantId, fault);
      const faulty = await run({ forceFull: true });
      stack.clearFaults();
      expect(faulty.status, `${JSON.stringify(fault)}: ${faulty.error}`).toBe('succeeded');
      expect(ids(await findingsOf(faulty.id)), JSON.stringify(fault)).toEqual(cleanIds);
      expect(faulty.totals, JSON.stringify(fault)).toEqual(clean.totals);
      expect(faulty.progress.every((p) => p.scan === 'full' && p.phase === 'done')).toBe(true);
      // Every faulty answer was met and its request asked again, and nothing more: one extra request per fault.
      // The batch (SKUs and delta link) leaves with the first page of users, so the first 429s of the storm
      // land on both, the batch's inside its 200.
      const after = stack.graph.requestCounts();
      const extra = fault.throttleNext ?? fault.unavailableNext ?? 0;
      for (const tenantId of hit) {
        const made = (after[tenantId] ?? 0) - (before[tenantId] ?? 0);
        expect(made, `${JSON.stringify(fault)} requests of ${tenantId}`).toBe(cleanRequests(tenantId) + extra);
      }
    }
  }, 60_000);

  it('leaves the previous report and delta links when a store fails mid-run', async () => {
    const previous = await currentRun();
    const previousIds = ids(await findingsOf(previous.id));
    const links = previous.tenantState.map((t) => t.deltaLink).sort();

    // Findings half written, then the store fails.
    const real = stack.deps.stores.licenceFindings;
    const halfWritten: FindingStore = {
      saveAll: async (partnershipId, runId, findings) => {
        await real.saveAll(partnershipId, runId, findings.slice(0, 3));
        throw new Error('Cosmos DB answered 503 while saving findings');
      },
      list: (...args) => real.list(...args),
    };
    const brokenFindings = await run({
      deps: { ...stack.deps, stores: { ...stack.deps.stores, licenceFindings: halfWritten } },
    });
    expect(brokenFindings.status).toBe('failed');
    expect(brokenFindings.error).toContain('Cosmos DB answered 503 while saving findings');
    expect(brokenFindings.error).toContain('previous report stands');
    expect(brokenFindings.tenantState).toEqual([]);
    expect(brokenFindings.reports).toBeNull();
    // What it wrote before failing stays under its own id, where no reader looks.
    expect(await findingsOf(brokenFindings.id)).toHaveLength(3);

    // A snapshot write fails for one tenant, after findings and reports were written.
    const files = stack.deps.files;
    const snapshotFails: LicenceFiles = {
      writeReport: (name, csv) => files.writeReport(name, csv),
      readReport: (name) => files.readReport(name),
      readSnapshot: (name) => files.readSnapshot(name),
      writeSnapshot: async (name, accounts) => {
        if (name.endsWith(`${tenantIdOf(2)}.jsonl.gz`)) throw new Error('Blob storage refused the SCDC snapshot');
        await files.writeSnapshot(name, accounts);
      },
    };
    const brokenSnapshot = await run({ deps: { ...stack.deps, files: snapshotFails } });
    expect(brokenSnapshot.status).toBe('failed');
    expect(brokenSnapshot.error).toContain('Blob storage refused the SCDC snapshot');
    expect(await storedRun(brokenSnapshot.id)).toMatchObject({ status: 'failed', tenantState: [], reports: null });
    expect(brokenSnapshot.progress.every((p) => p.phase === 'done')).toBe(true);
    // Its findings were all saved before the snapshot failed; still the previous run's are the report.
    expect(await findingsOf(brokenSnapshot.id)).toHaveLength(previousIds.length);

    // The last good run is still the current report, with the same delta links.
    const current = await latestSucceededRun(stack.runtime.stores.licenceRuns, pid);
    expect(current?.id).toBe(previous.id);
    expect(current?.tenantState.map((t) => t.deltaLink).sort()).toEqual(links);
    expect(ids(await findingsOf(previous.id))).toEqual(previousIds);
    const listed = await listFindings(stack.runtime.stores, sam, {});
    expect(listed.run?.id).toBe(previous.id);
    expect(ids(listed.findings)).toEqual(previousIds);

    // And the next run starts from those links: a delta scan, with the same answer.
    const next = await run();
    expect(next.status).toBe('succeeded');
    expect(next.progress.map((p) => p.scan)).toEqual(['delta', 'delta', 'delta']);
    expect(ids(await findingsOf(next.id))).toEqual(previousIds);
  }, 45_000);

  it('never runs two reconciliations of a partnership at once', async () => {
    const before = await currentRun();
    // Slow enough that the run is still under way when the second request comes.
    for (const tenant of stack.population.tenants) stack.graph.setFaults(tenant.tenantId, { pageDelayMs: 1500 });
    const queued = await requestRun(stack.deps, pid, 'manual', null);
    const whileQueued = await requestRun(stack.deps, pid, 'manual', null).catch((error: unknown) => error);
    expect(whileQueued).toBeInstanceOf(DomainError);
    expect(whileQueued).toMatchObject({ kind: 'conflict' });
    expect((whileQueued as DomainError).message).toContain(queued.id);

    // A run queued by other means while the first holds the lease is refused by the worker and changes nothing.
    const intruder = await stack.runtime.stores.licenceRuns.create({
      ...queued,
      id: `${queued.id}-x`,
      sequence: queued.sequence + 1,
    });
    const refused = await executeRun(stack.deps, { partnershipId: pid, runId: intruder.record.id });
    expect(refused?.status).toBe('failed');
    expect(refused?.error).toMatch(/^Refused/);
    expect(refused?.tenantState).toEqual([]);
    expect(await findingsOf(intruder.record.id)).toEqual([]);
    expect((await latestSucceededRun(stack.runtime.stores.licenceRuns, pid))?.id).toBe(before.id);

    const working = executeRun(stack.deps, { partnershipId: pid, runId: queued.id });
    const deadline = Date.now() + 10_000;
    while ((await storedRun(queued.id))?.status !== 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await storedRun(queued.id))?.status).toBe('running');
    const whileRunning = await requestRun(stack.deps, pid, 'manual', null).catch((error: unknown) => error);
    expect(whileRunning).toMatchObject({ kind: 'conflict' });
    expect((whileRunning as DomainError).message).toContain(queued.id);

    const done = await working;
    stack.clearFaults();
    expect(done?.status).toBe('succeeded');
    // The refused run did not disturb the one that held the lease, and the lease is free again afterwards.
    expect(ids(await findingsOf(queued.id))).toEqual(ids(await findingsOf(before.id)));
    const after = await run();
    expect(after.status).toBe('succeeded');
  }, 45_000);

  it('remembers decisions and exclusions from one run to the next', async () => {
    const samJones = [planted(0, 'Sam', 'Jones'), planted(1, 'Sam', 'Jones')];
    const pair = [keyOf(0, samJones[0]?.user as SimulatedGraphUser), keyOf(1, samJones[1]?.user as SimulatedGraphUser)];
    const pairId = `duplicate-seat:${[...pair].sort().join('+')}`;
    const before = await run();
    expect(ids(await findingsOf(before.id))).not.toContain(pairId);
    expect(before.totals?.candidateMatches).toBe(1);

    await decideMatch(stack.runtime.stores, sam, {
      accounts: pair as [string, string],
      decision: 'confirmed',
      note: 'Same Sam',
    });
    const paulReid = keyOf(1, planted(1, 'Paul', 'Reid').user);
    const rosaLima = keyOf(2, planted(2, 'Rosa', 'Lima').user);
    const leaverId = (key: string) => `leaver-licensed:${key}`;
    expect(ids(await findingsOf(before.id))).toEqual(expect.arrayContaining([leaverId(paulReid), leaverId(rosaLima)]));
    const inAYear = new Date(Date.now() + 365 * DAY_MS).toISOString().slice(0, 10);
    await addExclusion(stack.runtime.stores, sam, {
      key: paulReid,
      reason: 'Kept on for a handover',
      expiresAt: inAYear,
    });
    // One that lapsed yesterday (written straight to the store: the use-case only takes future dates).
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    await stack.runtime.stores.licenceExclusions.create({
      id: 'exclusion-lapsed-rosa',
      partnershipId: pid,
      sequence: Date.now(),
      key: rosaLima,
      reason: 'Was kept on until yesterday',
      expiresAt: yesterday,
      partnerCodes: ['SCDC'],
      addedBy: { userId: sam.userId, name: sam.name, partnerCode: sam.partnerCode },
      addedAt: new Date(Date.now() - 30 * DAY_MS).toISOString(),
      withdrawnAt: null,
    });

    const after = await run();
    expect(after.status).toBe('succeeded');
    const findings = await findingsOf(after.id);
    const confirmed = findings.find((f) => f.id === pairId);
    expect(confirmed).toMatchObject({
      type: 'duplicate-seat',
      partnerCodes: ['CCC', 'HDC'],
      annualCostPence: E3_YEAR,
      confidence: 'high',
    });
    expect(confirmed?.reasons).toContain('confirmed by an administrator');
    expect(after.totals?.candidateMatches).toBe(0);
    expect(ids(findings)).not.toContain(leaverId(paulReid));
    expect(ids(findings)).toContain(leaverId(rosaLima));
    const beforeIds = ids(await findingsOf(before.id));
    expect(ids(findings)).toEqual([...beforeIds.filter((id) => id !== leaverId(paulReid)), pairId].sort());
    // One E3 seat fewer (the excluded leaver), one more (the confirmed duplicate): the same count and cost.
    expect(after.totals).toMatchObject({
      findings: before.totals?.findings,
      annualCostPence: before.totals?.annualCostPence,
    });
    expect(after.inputs).toMatchObject({ decisions: 1 });
  }, 30_000);

  it('scans by delta after a good run, reports a new duplicate, and falls back to a full scan when tokens expire', async () => {
    const before = await run();
    const beforeIds = ids(await findingsOf(before.id));
    /** An ordinary member with one E3 seat, in no finding yet. */
    const e3Member = (index: number) => {
      const found = usersOf(index).find(
        ({ i, user }) =>
          i > 20 &&
          user.userType === 'Member' &&
          user.assignedLicenses.length === 1 &&
          user.assignedLicenses[0]?.skuId === POPULATION_SKUS.e3 &&
          !beforeIds.some((id) => id.includes(user.id)),
      );
      if (!found) throw new Error(`No plain E3 member in tenant ${index}`);
      return found;
    };
    const inCity = e3Member(0);
    const inScdc = e3Member(2);
    stack.population.change(2, inScdc.i, { employeeId: inCity.user.employeeId });
    const newId = `duplicate-seat:${[keyOf(0, inCity.user), keyOf(2, inScdc.user)].sort().join('+')}`;

    const delta = await run();
    expect(delta.status).toBe('succeeded');
    expect(delta.progress.map((p) => [p.partnerCode, p.scan, p.phase])).toEqual(CODES.map((c) => [c, 'delta', 'done']));
    // Only the one changed user was read again.
    expect(delta.progress.find((p) => p.partnerCode === 'SCDC')?.usersRead).toBe(1);
    const deltaFindings = await findingsOf(delta.id);
    expect(ids(deltaFindings)).toEqual([...beforeIds, newId].sort());
    expect(deltaFindings.find((f) => f.id === newId)).toMatchObject({
      type: 'duplicate-seat',
      partnerCodes: ['CCC', 'SCDC'],
      annualCostPence: E3_YEAR,
      confidence: 'high',
    });
    expect(delta.tenantState.map((t) => t.deltaLink)).not.toEqual(before.tenantState.map((t) => t.deltaLink));

    for (const tenant of stack.population.tenants) stack.graph.setFaults(tenant.tenantId, { expireDeltaTokens: true });
    const expired = await run();
    stack.clearFaults();
    expect(expired.status, expired.error ?? '').toBe('succeeded');
    expect(expired.progress.map((p) => [p.scan, p.phase])).toEqual(CODES.map(() => ['full', 'done']));
    expect(ids(await findingsOf(expired.id))).toEqual(ids(deltaFindings));
    expect(expired.totals).toEqual(delta.totals);
  }, 30_000);

  it("emails each council's part of a scheduled run's report once, and records it", async () => {
    const sentBefore = stack.graph.outbox().length;
    const scheduled = await run({ trigger: 'schedule' });
    expect(scheduled.status).toBe('succeeded');
    const findings = await findingsOf(scheduled.id);
    const mails = stack.graph.outbox().slice(sentBefore);
    expect(mails).toHaveLength(3);
    expect(scheduled.delivery).toEqual(CODES.map((partnerCode) => ({ partnerCode, recipients: 1, error: null })));

    const admins: Record<string, string> = {
      CCC: 'priya.shah@cambridge.example',
      HDC: 'sagar.roy@huntingdonshire.example',
      SCDC: 'dana.ward@scambs.example',
    };
    for (const [index, code] of CODES.entries()) {
      const tenant = stack.licences.partnerTenants[index];
      const forCouncil = mails.filter((mail) => mail.tenantId === tenant?.tenantId);
      expect(forCouncil, code).toHaveLength(1);
      const mail = forCouncil[0] as { fromUserId: string; message: any };
      expect(mail.fromUserId).toBe(`licence-reports@${tenant?.domain}`);
      const message = mail.message.message;
      expect(message.toRecipients).toEqual([{ emailAddress: { address: admins[code] } }]);
      expect(message.attachments).toHaveLength(1);
      const csv = Buffer.from(message.attachments[0].contentBytes, 'base64').toString('utf8');
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.length, code).toBeGreaterThan(0);
      expect(
        rows.every((row) => (row.Councils as string).split(' ').includes(code)),
        code,
      ).toBe(true);
      expect(rows.map((row) => row.Finding).sort(), code).toEqual(
        ids(findings.filter((f) => f.partnerCodes.includes(code))),
      );
    }
    // A manual run sends nothing.
    const manual = await run();
    expect(manual.delivery).toEqual([]);
    expect(stack.graph.outbox()).toHaveLength(sentBefore + 3);
  }, 30_000);
});
