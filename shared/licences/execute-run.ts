import { randomUUID } from 'node:crypto';
import { formatPounds, licenceSummaryCard } from '../cards/licence-summary-card';
import type { TenantConnection } from '../schemas/licences';
import type { Stored } from '../stores/record-store';
import { assessSeats } from './assess-seats';
import { checkTenantConnection } from './connection-policy';
import { deliverReport } from './deliver-report';
import type { Finding } from './find-waste';
import type { RunRequest } from './gateways';
import { latestSucceededRun } from './latest-run';
import { type LicenceRun, MAX_CANDIDATES, type TenantState } from './licence-run';
import { readTenantSeats, type TenantSeats } from './read-tenant-seats';
import type { ReconcilerDeps } from './reconciler-deps';
import { findingsCsv } from './report-csv';
import { RunRecorder } from './run-recorder';

/** A run whose worker died this many times is given up, rather than tried until the message is poisoned. */
export const MAX_ATTEMPTS = 3;

/**
 * Carries out a queued run. Everything the run writes goes under its own id (findings, CSV reports, seat
 * snapshots) and only the last write marks it succeeded; until then the previous good run stays the current
 * report and keeps the delta links the next run starts from. So a run that fails at any point, or a worker that
 * dies, leaves the last report and delta tokens as they were. The lease moves to an id of this attempt, so a
 * second delivery of the same message while it works does nothing; a redelivery after a finish does nothing too.
 */
export async function executeRun(
  deps: ReconcilerDeps,
  request: RunRequest,
  attempt = 1,
): Promise<Stored<LicenceRun> | null> {
  const { partnershipId, runId } = request;
  const found = await deps.stores.licenceRuns.get(partnershipId, runId);
  if (!found) {
    deps.log(`No run ${runId} for ${partnershipId}: nothing to do.`);
    return null;
  }
  if (found.record.status === 'succeeded' || found.record.status === 'failed') return found.record;
  const recorder = new RunRecorder(deps.stores.licenceRuns, found, (message) => deps.log(`[${runId}] ${message}`));
  if (attempt > MAX_ATTEMPTS) {
    return recorder.save({
      status: 'failed',
      finishedAt: deps.now().toISOString(),
      error: `Given up after ${MAX_ATTEMPTS} attempts that stopped part-way; the previous report stands.`,
    });
  }

  const lease = await deps.lease.acquire(partnershipId, runId, { holdAs: randomUUID() });
  if (!lease) {
    if (found.record.status === 'running') {
      deps.log(`[${runId}] another attempt of this run is at work; this delivery leaves it alone.`);
      return found.record;
    }
    return recorder.save({
      status: 'failed',
      finishedAt: deps.now().toISOString(),
      error: 'Refused: another reconciliation of this partnership was running. Nothing was changed.',
    });
  }
  let completed: Stored<LicenceRun>;
  try {
    completed = await reconcile(deps, recorder);
  } catch (error) {
    recorder.stop();
    deps.log(`[${runId}] failed: ${error instanceof Error ? error.stack : String(error)}`);
    await lease.release().catch((releaseError) => deps.log(`[${runId}] lease not released: ${String(releaseError)}`));
    return recorder
      .save({
        status: 'failed',
        finishedAt: deps.now().toISOString(),
        progress: recorder.current.progress.map((p) => (p.phase === 'done' ? p : { ...p, phase: 'failed' })),
        error: `The run failed and the previous report stands: ${error instanceof Error ? error.message : String(error)}`,
      })
      .catch((saveError) => {
        deps.log(`[${runId}] could not record the failure: ${String(saveError)}`);
        return recorder.current;
      });
  }
  recorder.stop();
  await lease.release().catch((error) => deps.log(`[${runId}] lease not released: ${String(error)}`));
  deps.log(
    `[${runId}] succeeded: ${completed.totals?.findings} findings, ${formatPounds(completed.totals?.annualCostPence ?? 0)} a year`,
  );
  if (completed.trigger !== 'schedule') return completed;
  // The run has succeeded whatever happens to its mail and cards: a delivery failure is logged, never a failed run.
  let delivered = completed;
  try {
    delivered = await recorder.save({ delivery: await deliverReport(deps, completed) });
  } catch (error) {
    deps.log(`[${runId}] report delivery failed: ${String(error)}`);
  }
  if (deps.postReportCards) {
    await deps
      .postReportCards(delivered)
      .catch((error) => deps.log(`[${runId}] report cards not posted: ${String(error)}`));
  }
  return delivered;
}

async function reconcile(deps: ReconcilerDeps, recorder: RunRecorder): Promise<Stored<LicenceRun>> {
  const { partnershipId, id: runId } = recorder.current;
  const { stores } = deps;
  const [settings, prices, hr, decisions, exclusions, previous] = await Promise.all([
    stores.licenceSettings.get(partnershipId, 'settings'),
    stores.licencePrices.get(partnershipId, 'prices'),
    stores.hrFeed.listAll(partnershipId),
    stores.licenceDecisions.listAll(partnershipId),
    stores.licenceExclusions.listAll(partnershipId),
    latestSucceededRun(stores.licenceRuns, partnershipId),
  ]);
  if (!settings || !prices) throw new Error('The reconciler settings or price list were removed before the run began.');
  const now = deps.now();
  const tenants = settings.record.settings.tenants;
  // Checked again here, not only when saved: the rules may have tightened since, and a run sends credentials.
  const unsafe = tenants.flatMap((tenant) =>
    checkTenantConnection(tenant, partnershipId, deps.environment).map(
      (problem) => `${tenant.partnerCode} ${problem.path}: ${problem.message}`,
    ),
  );
  if (unsafe.length > 0) throw new Error(`The reconciler settings cannot be used: ${unsafe.join('; ')}`);
  const activeExclusions = exclusions
    .map((e) => e.record)
    .filter((e) => !e.withdrawnAt && Date.parse(e.expiresAt) > now.getTime());
  await recorder.save({
    status: 'running',
    startedAt: now.toISOString(),
    inputs: {
      ...recorder.current.inputs,
      tenants: tenants.map((t) => ({ partnerCode: t.partnerCode, tenantId: t.tenantId, graphBaseUrl: t.graphBaseUrl })),
      priceListSource: prices.record.priceList.source,
      priceListEtag: prices.etag,
      priceList: prices.record.priceList,
      hrRecords: hr.length,
      exclusions: activeExclusions.length,
      decisions: decisions.length,
      inactiveDays: settings.record.settings.inactiveDays,
    },
  });
  deps.log(`[${runId}] reading ${tenants.length} tenants: ${tenants.map((t) => t.partnerCode).join(', ')}`);

  const policy = {
    now,
    fullScanEveryDays: settings.record.settings.fullScanEveryDays,
    signInPassEveryDays: settings.record.settings.signInPassEveryDays,
    forceFull: recorder.current.inputs.forceFull,
  };
  // The first tenant that fails ends the run: the others stop reading at their next page.
  const abort = new AbortController();
  const seats = await Promise.all(
    tenants.map(async (connection) => {
      const tenant = await readTenantSeats(
        deps.directoryFor(connection),
        startOf(deps, previous, connection),
        { ...policy, signal: abort.signal },
        (patch) => recorder.progress(connection.tenantId, patch),
      ).catch((error: unknown) => {
        abort.abort(error);
        throw error;
      });
      recorder.progress(connection.tenantId, { phase: 'done' });
      deps.log(
        `[${runId}] ${connection.partnerCode}: ${tenant.scan} scan, ${tenant.usersRead} users read, ${tenant.accounts.length} seats`,
      );
      return tenant;
    }),
  );

  const { findings, totals, candidates } = assessSeats({
    accounts: seats.flatMap((tenant) => tenant.accounts),
    prices: prices.record.priceList,
    hr: hr.map(({ record }) => record),
    decisions: {
      confirmed: decisions.filter((d) => d.record.decision === 'confirmed').map((d) => d.record.accounts),
      rejected: decisions.filter((d) => d.record.decision === 'rejected').map((d) => d.record.accounts),
    },
    exclusions: activeExclusions.map((e) => ({ personOrAccountKey: e.key, reason: e.reason, expiresAt: e.expiresAt })),
    now,
    inactiveDays: settings.record.settings.inactiveDays,
  });

  await stores.licenceFindings.saveAll(partnershipId, runId, findings);
  const reports = await writeReports(deps, partnershipId, runId, findings, tenants);
  const tenantState = await Promise.all(seats.map((tenant) => saveSnapshot(deps, partnershipId, runId, tenant)));
  recorder.stop();
  return recorder.save({
    status: 'succeeded',
    finishedAt: deps.now().toISOString(),
    totals,
    reports,
    tenantState,
    candidates: candidates.slice(0, MAX_CANDIDATES),
    summaryCard: licenceSummaryCard({ ...recorder.current, totals }),
    error: null,
  });
}

function startOf(deps: ReconcilerDeps, previous: Stored<LicenceRun> | null, connection: TenantConnection) {
  const state = previous?.tenantState.find((t) => t.tenantId === connection.tenantId);
  if (!state) return null;
  return { ...state, loadSnapshot: () => deps.files.readSnapshot(state.snapshot) };
}

async function writeReports(
  deps: ReconcilerDeps,
  partnershipId: string,
  runId: string,
  findings: readonly Finding[],
  tenants: readonly TenantConnection[],
): Promise<NonNullable<LicenceRun['reports']>> {
  const all = `${partnershipId}/${runId}/report.csv`;
  await deps.files.writeReport(all, findingsCsv(findings));
  const byPartner: Record<string, string> = {};
  for (const { partnerCode } of tenants) {
    byPartner[partnerCode] = `${partnershipId}/${runId}/report-${partnerCode}.csv`;
    await deps.files.writeReport(
      byPartner[partnerCode],
      findingsCsv(findings.filter((finding) => finding.partnerCodes.includes(partnerCode))),
    );
  }
  return { all, byPartner };
}

async function saveSnapshot(
  deps: ReconcilerDeps,
  partnershipId: string,
  runId: string,
  tenant: TenantSeats,
): Promise<TenantState> {
  const snapshot = `${partnershipId}/${runId}/snapshots/${tenant.tenantId}.jsonl.gz`;
  await deps.files.writeSnapshot(snapshot, tenant.accounts);
  return {
    partnerCode: tenant.partnerCode,
    tenantId: tenant.tenantId,
    deltaLink: tenant.deltaLink,
    snapshot,
    fullScanAt: tenant.fullScanAt,
    signInsReadAt: tenant.signInsReadAt,
    accounts: tenant.accounts.length,
  };
}
