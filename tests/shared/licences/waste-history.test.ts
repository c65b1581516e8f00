import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_RUNS, wasteHistory } from '../../../shared/licences/waste-history';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { licenceRun } from './licence-fixtures';

describe('wasteHistory', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('answers an empty series before any run succeeded', async () => {
    await stores.licenceRuns.create(licenceRun(1, { status: 'failed' }));
    expect(await wasteHistory(stores, callerOf('HDC', ['partnership-admin']))).toEqual({ points: [] });
  });

  it("gives the partnership's administrator every council's figure per succeeded run, oldest first", async () => {
    await stores.licenceRuns.create(licenceRun(2));
    await stores.licenceRuns.create(licenceRun(3, { status: 'failed' }));
    await stores.licenceRuns.create(licenceRun(4, { status: 'running' }));
    await stores.licenceRuns.create(licenceRun(5));
    const { points } = await wasteHistory(stores, callerOf('HDC', ['partnership-admin']));
    expect(points).toEqual([
      {
        runId: 'run-2026-11-02',
        finishedAt: '2026-11-02T02:30:00.000Z',
        annualCostPence: 100_002,
        byPartner: { CCC: 40_002, HDC: 30_002, SCDC: 50_002 },
      },
      {
        runId: 'run-2026-11-05',
        finishedAt: '2026-11-05T02:30:00.000Z',
        annualCostPence: 100_005,
        byPartner: { CCC: 40_005, HDC: 30_005, SCDC: 50_005 },
      },
    ]);
  });

  it("gives a licence administrator only their own council's series", async () => {
    await stores.licenceRuns.create(licenceRun(2));
    const noHdc = licenceRun(5);
    delete noHdc.totals?.byPartner.HDC;
    await stores.licenceRuns.create(noHdc);
    const { points } = await wasteHistory(stores, callerOf('HDC', ['licence-admin']));
    expect(points).toEqual([
      {
        runId: 'run-2026-11-02',
        finishedAt: '2026-11-02T02:30:00.000Z',
        annualCostPence: 30_002,
        byPartner: { HDC: 30_002 },
      },
      { runId: 'run-2026-11-05', finishedAt: '2026-11-05T02:30:00.000Z', annualCostPence: 0, byPartner: { HDC: 0 } },
    ]);
  });

  it(`keeps the last ${HISTORY_RUNS} succeeded runs, reading past a page of failures`, async () => {
    const base = Date.parse('2025-01-01T02:00:00Z');
    for (let i = 0; i < 130; i += 1) {
      const day = new Date(base + i * 86_400_000).toISOString();
      const failed = i >= 70;
      const run = licenceRun(1, {
        id: `run-${i}`,
        sequence: base + i * 86_400_000,
        startedAt: day,
        finishedAt: day,
        ...(failed ? { status: 'failed', totals: null } : {}),
      });
      await stores.licenceRuns.create(run);
    }
    const { points } = await wasteHistory(stores, callerOf('HDC', ['partnership-admin']));
    expect(points).toHaveLength(HISTORY_RUNS);
    expect(points[0]?.runId).toBe(`run-${70 - HISTORY_RUNS}`);
    expect(points.at(-1)?.runId).toBe('run-69');
  });

  it('refuses staff', async () => {
    await expect(wasteHistory(stores, callerOf('HDC', ['staff', 'bid-approver']))).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});
