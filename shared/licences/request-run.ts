import { randomBytes } from 'node:crypto';
import { DomainError } from '../errors';
import type { Caller } from '../identity/caller';
import type { Stored } from '../stores/record-store';
import { requireLicenceAdmin } from './licence-admin-scope';
import type { LicenceRun, RunTrigger } from './licence-run';
import type { ReconcilerDeps } from './reconciler-deps';

/**
 * Asks for a reconciliation of a partnership's tenants. The run lease is taken here, under the run's id, so a
 * second request while one is queued or running is refused at once and told which run is in the way; the queued
 * run takes the lease over when a worker picks it up.
 */
export async function requestRun(
  deps: Pick<ReconcilerDeps, 'stores' | 'lease' | 'queue' | 'now'>,
  partnershipId: string,
  trigger: RunTrigger,
  caller: Caller | null,
  options: { forceFull?: boolean } = {},
): Promise<Stored<LicenceRun>> {
  if (caller) requireLicenceAdmin(caller);
  const settings = await deps.stores.licenceSettings.get(partnershipId, 'settings');
  if (!settings) {
    throw new DomainError(
      'conflict',
      'No tenants are set up for the licence reconciler yet: PUT /api/licences/settings first.',
    );
  }
  if (!(await deps.stores.licencePrices.get(partnershipId, 'prices'))) {
    throw new DomainError('conflict', 'The partnership has no licence price list yet: PUT /api/licences/prices first.');
  }
  const now = deps.now();
  const id = `run-${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
  // A queued run's lease lapses if no worker has picked it up within a minute, so its record is checked too.
  const waiting = await activeRun(deps, partnershipId);
  if (waiting && now.getTime() - Date.parse(waiting.startedAt) < STILL_WAITING_MS) throw alreadyRunning(waiting);
  const lease = await deps.lease.acquire(partnershipId, id);
  if (!lease) throw alreadyRunning(waiting);

  try {
    const run = await deps.stores.licenceRuns.create({
      id,
      partnershipId,
      sequence: now.getTime(),
      trigger,
      requestedBy: caller ? { userId: caller.userId, name: caller.name, partnerCode: caller.partnerCode } : null,
      status: 'queued',
      startedAt: now.toISOString(),
      finishedAt: null,
      inputs: {
        tenants: settings.record.settings.tenants.map((t) => ({
          partnerCode: t.partnerCode,
          tenantId: t.tenantId,
          graphBaseUrl: t.graphBaseUrl,
        })),
        priceListSource: '',
        priceListEtag: null,
        hrRecords: 0,
        exclusions: 0,
        decisions: 0,
        inactiveDays: settings.record.settings.inactiveDays,
        forceFull: options.forceFull === true,
      },
      progress: settings.record.settings.tenants.map((t) => ({
        partnerCode: t.partnerCode,
        tenantId: t.tenantId,
        scan: 'full',
        phase: 'waiting',
        usersRead: 0,
        usersExpected: null,
      })),
      totals: null,
      tenantState: [],
      reports: null,
      summaryCard: null,
      delivery: [],
      error: null,
    });
    try {
      await deps.queue.enqueue({ partnershipId, runId: id });
    } catch (error) {
      const reason = `The run could not be queued: ${error instanceof Error ? error.message : String(error)}`;
      const failed = { ...run.record, status: 'failed' as const, finishedAt: deps.now().toISOString(), error: reason };
      await deps.stores.licenceRuns.replace(failed, run.etag);
      throw error;
    }
    lease.handOver();
    return run.record;
  } catch (error) {
    await lease.release();
    throw error;
  }
}

/** How long a queued or running run's record alone keeps another request out. */
const STILL_WAITING_MS = 60 * 60 * 1000;

async function activeRun(deps: Pick<ReconcilerDeps, 'stores'>, partnershipId: string) {
  const { items } = await deps.stores.licenceRuns.list(partnershipId, { pageSize: 20, newestFirst: true });
  return items.find((run) => run.status === 'queued' || run.status === 'running') ?? null;
}

function alreadyRunning(active: Stored<LicenceRun> | null): DomainError {
  const which = active
    ? ` (run ${active.id}, started ${active.startedAt}; its progress is at /api/licences/runs/${active.id})`
    : ' (one is just finishing)';
  return new DomainError(
    'conflict',
    `A reconciliation is already running for this partnership${which}. Wait for it to finish.`,
  );
}
