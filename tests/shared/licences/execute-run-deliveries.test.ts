import { describe, expect, it } from 'vitest';
import { executeRun, MAX_ATTEMPTS } from '../../../shared/licences/execute-run';
import type { HeldLease, RunLease, RunRequest, SeatDirectory } from '../../../shared/licences/gateways';
import type { LicensedAccount } from '../../../shared/licences/licensed-account';
import { queueScheduledRuns } from '../../../shared/licences/queue-scheduled-runs';
import type { ReconcilerDeps } from '../../../shared/licences/reconciler-deps';
import { requestRun } from '../../../shared/licences/request-run';
import { licenceSettings } from '../../../shared/schemas/licences';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import { MemoryLicenceFiles, PARTNERS, prices, seat, tenantOf } from './licence-fixtures';

const NOW = new Date('2026-11-22T09:00:00Z');

/** A blob lease in miniature: one holder id per partnership; the holder may take it again and move it. */
class FakeLease implements RunLease {
  readonly holders = new Map<string, string>();

  async acquire(partnershipId: string, leaseId: string, options: { holdAs?: string } = {}): Promise<HeldLease | null> {
    const holder = this.holders.get(partnershipId);
    if (holder && holder !== leaseId) return null;
    const id = options.holdAs ?? leaseId;
    this.holders.set(partnershipId, id);
    return {
      release: async () => {
        if (this.holders.get(partnershipId) === id) this.holders.delete(partnershipId);
      },
      // Lapses at once in this fake: the worker takes it by the run's id either way.
      handOver: () => this.holders.delete(partnershipId),
    };
  }
}

/** A tenant whose full scan waits until the test lets it finish, so a run can be caught while it works. */
function directory(partnerCode: string, accounts: LicensedAccount[], gate: Promise<void>): SeatDirectory {
  return {
    partnerCode,
    tenantId: tenantOf(partnerCode),
    fullScan: async () => {
      await gate;
      return {
        accounts: structuredClone(accounts),
        usersRead: accounts.length,
        deltaLink: 'https://graph/d',
        skus: [],
      };
    },
    deltaScan: async () => ({ kind: 'expired' }),
    readSignIns: async () => new Map(),
    sendMail: async () => {},
  };
}

async function setUp(partnershipIds: string[] = ['p3']) {
  const stores = createMemoryStores();
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const queued: RunRequest[] = [];
  const deps: ReconcilerDeps = {
    stores,
    files: new MemoryLicenceFiles(),
    lease: new FakeLease(),
    queue: { enqueue: async (request) => void queued.push(request) },
    directoryFor: (connection) => directory(connection.partnerCode, [seat(connection.partnerCode)], gate),
    now: () => NOW,
    log: () => {},
    environment: 'production',
  };
  for (const partnershipId of partnershipIds) {
    const settings = licenceSettings.parse({
      tenants: PARTNERS.map((code) => ({
        partnerCode: code,
        tenantId: tenantOf(code),
        clientId: '7e0c7d0a-1f1e-4b8a-9a52-0c8f3a1b2c3d',
        credential: { kind: 'secret', setting: 'RECONCILER_P3_SECRET' },
        authorityHost: 'https://login.microsoftonline.com',
        graphBaseUrl: 'https://graph.microsoft.com',
      })),
    });
    await stores.licenceSettings.create({ id: 'settings', partnershipId, sequence: 0, settings });
    await stores.licencePrices.create({ id: 'prices', partnershipId, sequence: 0, priceList: prices });
  }
  return { deps, stores, queued, open: () => open() };
}

describe('executeRun, delivered more than once', () => {
  it('leaves a run alone when a second delivery arrives while the first attempt works', async () => {
    const { deps, queued, open } = await setUp();
    const run = await requestRun(deps, 'p3', 'manual', null);
    const first = executeRun(deps, queued[0] as RunRequest, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await executeRun(deps, queued[0] as RunRequest, 2);
    expect(second?.status).toBe('running');
    open();
    expect((await first)?.status).toBe('succeeded');
    expect((await deps.stores.licenceRuns.get('p3', run.id))?.record.status).toBe('succeeded');
  });

  it(`gives a run up after ${MAX_ATTEMPTS} attempts that stopped part-way, and takes no lease for it`, async () => {
    const { deps, queued } = await setUp();
    await requestRun(deps, 'p3', 'manual', null);
    const given = await executeRun(deps, queued[0] as RunRequest, MAX_ATTEMPTS + 1);
    expect(given).toMatchObject({ status: 'failed', error: expect.stringContaining(`${MAX_ATTEMPTS} attempts`) });
    expect((deps.lease as FakeLease).holders.size).toBe(0);
  });

  it('does nothing for a delivery of a run that has already finished', async () => {
    const { deps, queued, open } = await setUp();
    open();
    await requestRun(deps, 'p3', 'manual', null);
    const done = await executeRun(deps, queued[0] as RunRequest);
    expect(done?.status).toBe('succeeded');
    const again = await executeRun(deps, queued[0] as RunRequest, 2);
    expect(again).toEqual(done);
  });
});

describe('executeRun, after the report is mailed', () => {
  it('posts the report cards once after a scheduled run, with the run as recorded, and not after a manual one', async () => {
    const { deps, queued, open } = await setUp();
    open();
    const posted: { id: string; status: string; trigger: string }[] = [];
    const withCards: ReconcilerDeps = {
      ...deps,
      postReportCards: async (run) => void posted.push({ id: run.id, status: run.status, trigger: run.trigger }),
    };
    const manual = await requestRun(withCards, 'p3', 'manual', null);
    await executeRun(withCards, queued[0] as RunRequest);
    expect(posted).toEqual([]);
    const scheduled = await requestRun(withCards, 'p3', 'schedule', null);
    expect(scheduled.id).not.toBe(manual.id);
    await executeRun(withCards, queued[1] as RunRequest);
    expect(posted).toEqual([{ id: scheduled.id, status: 'succeeded', trigger: 'schedule' }]);
  });

  it('logs a failure to post the cards, and the run still succeeds', async () => {
    const { deps, queued, open } = await setUp();
    open();
    const lines: string[] = [];
    const failing: ReconcilerDeps = {
      ...deps,
      log: (line) => void lines.push(line),
      postReportCards: async () => {
        throw new Error('Bot Connector unavailable');
      },
    };
    await requestRun(failing, 'p3', 'schedule', null);
    expect((await executeRun(failing, queued[0] as RunRequest))?.status).toBe('succeeded');
    expect(lines.some((line) => /report cards not posted: .*Bot Connector unavailable/.test(line))).toBe(true);
  });
});

describe('queueScheduledRuns', () => {
  it('queues every partnership it can and reports the others without stopping', async () => {
    const { deps, stores, queued } = await setUp(['p3', 'p4']);
    const broken = { ...deps, stores: { ...stores, licenceSettings: { ...stores.licenceSettings } } };
    broken.stores.licenceSettings.get = async (partnershipId, id) => {
      if (partnershipId === 'p4') throw new Error('store unreachable');
      return stores.licenceSettings.get(partnershipId, id);
    };
    const outcome = await queueScheduledRuns(broken, ['p4', 'p3', 'p5']);
    expect(queued.map((request) => request.partnershipId)).toEqual(['p3']);
    expect(outcome.queued).toHaveLength(1);
    expect(outcome.skipped.map((s) => s.partnershipId)).toEqual(['p4', 'p5']);
    expect(outcome.skipped[1]?.reason).toMatch(/No tenants are set up/);
  });
});
