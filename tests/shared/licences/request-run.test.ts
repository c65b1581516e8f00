import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import type { Role } from '../../../shared/identity/caller';
import type { HeldLease, RunLease, RunQueue, RunRequest } from '../../../shared/licences/gateways';
import { requestRun } from '../../../shared/licences/request-run';
import { type LicenceSettings, licenceSettings } from '../../../shared/schemas/licences';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import { licenceRun, prices, tenantOf } from './licence-fixtures';

const NOW = new Date('2026-11-22T09:00:00.123Z');

/** A lease that is either free or held by another run, recording what happened to the one it granted. */
class FakeRunLease implements RunLease {
  readonly acquired: { partnershipId: string; leaseId: string }[] = [];
  heldByAnother = false;
  released = 0;
  handedOver = 0;

  async acquire(partnershipId: string, leaseId: string): Promise<HeldLease | null> {
    this.acquired.push({ partnershipId, leaseId });
    if (this.heldByAnother) return null;
    return {
      release: async () => {
        this.released += 1;
      },
      handOver: () => {
        this.handedOver += 1;
      },
    };
  }
}

class FakeRunQueue implements RunQueue {
  readonly messages: RunRequest[] = [];
  failWith: Error | null = null;

  async enqueue(request: RunRequest): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.messages.push(request);
  }
}

const connection = (partnerCode: string) => ({
  partnerCode,
  tenantId: tenantOf(partnerCode),
  clientId: '11111111-2222-4333-8444-555555555555',
  credential: { kind: 'secret', setting: `GRAPH_SECRET_${partnerCode}` },
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: `https://graph.${partnerCode.toLowerCase()}.example`,
});
const settings: LicenceSettings = licenceSettings.parse({
  tenants: [connection('CCC'), connection('HDC')],
  inactiveDays: 60,
});

describe('requestRun', () => {
  let stores: Stores;
  let lease: FakeRunLease;
  let queue: FakeRunQueue;
  const deps = () => ({ stores, lease, queue, now: () => NOW });
  const admin = (...roles: Role[]) => callerOf('CCC', roles);

  async function configure(what: { settings?: boolean; prices?: boolean } = {}) {
    if (what.settings !== false)
      await stores.licenceSettings.create({ id: 'settings', partnershipId: 'p3', sequence: 0, settings });
    if (what.prices !== false)
      await stores.licencePrices.create({ id: 'prices', partnershipId: 'p3', sequence: 0, priceList: prices });
  }

  async function nothingStarted() {
    expect(queue.messages).toEqual([]);
    expect(lease.handedOver).toBe(0);
    expect(await stores.licenceRuns.listAll('p3')).toEqual([]);
  }

  beforeEach(() => {
    stores = createMemoryStores();
    lease = new FakeRunLease();
    queue = new FakeRunQueue();
  });

  it('queues a run for a licence administrator and hands the lease over to it', async () => {
    await configure();
    const caller = admin('staff', 'licence-admin');

    const run = await requestRun(deps(), 'p3', 'manual', caller, { forceFull: true });

    expect(run.id).toMatch(/^run-20261122T090000-[0-9a-f]{6}$/);
    expect(run).toMatchObject({
      partnershipId: 'p3',
      sequence: NOW.getTime(),
      trigger: 'manual',
      requestedBy: { userId: caller.userId, name: caller.name, partnerCode: 'CCC' },
      status: 'queued',
      startedAt: NOW.toISOString(),
      finishedAt: null,
      totals: null,
      reports: null,
      error: null,
    });
    expect(run.inputs).toMatchObject({
      tenants: [
        { partnerCode: 'CCC', tenantId: tenantOf('CCC'), graphBaseUrl: 'https://graph.ccc.example' },
        { partnerCode: 'HDC', tenantId: tenantOf('HDC'), graphBaseUrl: 'https://graph.hdc.example' },
      ],
      inactiveDays: 60,
      forceFull: true,
    });
    expect(run.progress.map((p) => [p.partnerCode, p.phase, p.usersRead])).toEqual([
      ['CCC', 'waiting', 0],
      ['HDC', 'waiting', 0],
    ]);
    expect((await stores.licenceRuns.get('p3', run.id))?.record).toEqual(run);

    expect(lease.acquired).toEqual([{ partnershipId: 'p3', leaseId: run.id }]);
    expect(queue.messages).toEqual([{ partnershipId: 'p3', runId: run.id }]);
    expect(lease.handedOver).toBe(1);
    expect(lease.released).toBe(0);
  });

  it('lets the partnership administrator and the schedule ask for a run; forceFull is off unless asked', async () => {
    await configure();
    const byAdmin = await requestRun(deps(), 'p3', 'manual', admin('partnership-admin'));
    expect(byAdmin.inputs.forceFull).toBe(false);
    const queued = await stores.licenceRuns.get('p3', byAdmin.id);
    await stores.licenceRuns.replace({ ...byAdmin, status: 'succeeded' }, queued?.etag as string);
    const bySchedule = await requestRun(deps(), 'p3', 'schedule', null);
    expect(bySchedule).toMatchObject({ trigger: 'schedule', requestedBy: null, status: 'queued' });
    expect(queue.messages.map((m) => m.runId)).toEqual([byAdmin.id, bySchedule.id]);
  });

  it('refuses a caller who is neither licence nor partnership administrator, and starts nothing', async () => {
    await configure();
    for (const roles of [['staff'], ['staff', 'risk-approver', 'bid-approver']] as Role[][]) {
      const error = await requestRun(deps(), 'p3', 'manual', admin(...roles)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'forbidden' });
    }
    expect(lease.acquired).toEqual([]);
    await nothingStarted();
  });

  it('refuses a partnership without reconciler settings, saying what to set up', async () => {
    await configure({ settings: false });
    const error = await requestRun(deps(), 'p3', 'manual', admin('licence-admin')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/No tenants.*\/api\/licences\/settings/),
    });
    expect(lease.acquired).toEqual([]);
    await nothingStarted();
  });

  it('refuses a partnership without a price list, saying what to set up', async () => {
    await configure({ prices: false });
    const error = await requestRun(deps(), 'p3', 'manual', admin('licence-admin')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/price list.*\/api\/licences\/prices/),
    });
    expect(lease.acquired).toEqual([]);
    await nothingStarted();
  });

  it('refuses while another run holds the lease, naming the run in the way', async () => {
    await configure();
    const active = licenceRun(21, { status: 'running' });
    await stores.licenceRuns.create(licenceRun(20));
    await stores.licenceRuns.create(active);
    lease.heldByAnother = true;

    const error = await requestRun(deps(), 'p3', 'manual', admin('licence-admin')).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'conflict' });
    expect((error as Error).message).toContain(`run ${active.id}`);
    expect((error as Error).message).toContain(`/api/licences/runs/${active.id}`);
    expect(queue.messages).toEqual([]);
    expect((await stores.licenceRuns.listAll('p3')).map((r) => r.record.id)).toEqual(['run-2026-11-20', active.id]);
  });

  it('refuses while the lease is held even when no run record says so', async () => {
    await configure();
    lease.heldByAnother = true;
    const error = await requestRun(deps(), 'p3', 'manual', admin('licence-admin')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'conflict',
      message:
        'A reconciliation is already running for this partnership (one is just finishing). Wait for it to finish.',
    });
    await nothingStarted();
  });

  it('refuses while a run is queued even after its lease lapsed, naming the run', async () => {
    await configure();
    const first = await requestRun(deps(), 'p3', 'manual', admin('licence-admin'));
    const error = await requestRun(deps(), 'p3', 'manual', admin('licence-admin')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'conflict', message: expect.stringContaining(first.id) });
    expect(queue.messages).toHaveLength(1);
  });

  it('releases the lease and passes the error on when the run cannot be queued', async () => {
    await configure();
    const failure = new Error('Storage queue answered 503');
    queue.failWith = failure;

    await expect(requestRun(deps(), 'p3', 'manual', admin('licence-admin'))).rejects.toBe(failure);

    expect(lease.released).toBe(1);
    expect(lease.handedOver).toBe(0);
    expect(queue.messages).toEqual([]);
  });
});
