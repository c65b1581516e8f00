import { beforeEach, describe, expect, it } from 'vitest';
import { getRun } from '../../../shared/licences/get-run';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { licenceRun } from './licence-fixtures';

describe('getRun', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
    await stores.licenceRuns.create(
      licenceRun(2, {
        summaryCard: { type: 'AdaptiveCard', body: [{ text: 'HDC £300.02, SCDC £500.02' }] },
        delivery: [
          { partnerCode: 'CCC', recipients: 2, error: null },
          { partnerCode: 'HDC', recipients: 0, error: 'no report recipients' },
        ],
      }),
    );
    await stores.licenceRuns.create(
      licenceRun(3, {
        status: 'running',
        progress: [
          { partnerCode: 'CCC', tenantId: 't', scan: 'delta', phase: 'seats', usersRead: 120, usersExpected: null },
        ],
      }),
    );
  });

  it('shows the partnership administrator the whole run, but never its tenant state', async () => {
    const run = await getRun(stores, callerOf('HDC', ['partnership-admin']), 'run-2026-11-02');
    const stored = licenceRun(2);
    expect(run).not.toHaveProperty('tenantState');
    expect(JSON.stringify(run)).not.toContain('deltatoken');
    expect(run.totals).toEqual(stored.totals);
    expect(run.reports).toEqual(stored.reports);
    expect(run).toMatchObject({ id: 'run-2026-11-02', status: 'succeeded', finishedAt: '2026-11-02T02:30:00.000Z' });
    expect(run.delivery).toHaveLength(2);
    expect(run).not.toHaveProperty('summaryCard');
  });

  it("shows a licence administrator only their own council's figures and report", async () => {
    const run = await getRun(stores, callerOf('CCC', ['licence-admin']), 'run-2026-11-02');
    expect(run).not.toHaveProperty('tenantState');
    // Their council's own figures as the totals: nothing of the whole partnership's, by type or by people.
    expect(run.totals).toEqual({
      findings: 2,
      annualCostPence: 40_002,
      byPartner: { CCC: { count: 2, annualCostPence: 40_002 } },
    });
    expect(run.reports).toEqual({ byPartner: { CCC: 'p3/run-2026-11-02/CCC.csv' } });
    expect(run.delivery).toEqual([{ partnerCode: 'CCC', recipients: 2, error: null }]);
    expect(JSON.stringify(run)).not.toMatch(/HDC\.csv|SCDC\.csv|all\.csv|deltatoken|AdaptiveCard|£300/);
    expect(JSON.stringify(run.totals)).not.toMatch(/byType|accounts|people|candidateMatches|100002/);
  });

  it('gives a council with no findings in the run zero totals of its own', async () => {
    const totals = licenceRun(2).totals;
    if (!totals) throw new Error('the fixture run has totals');
    const { SCDC: _scdc, ...others } = totals.byPartner;
    await stores.licenceRuns.create(licenceRun(4, { totals: { ...totals, byPartner: others } }));
    const run = await getRun(stores, callerOf('SCDC', ['licence-admin']), 'run-2026-11-04');
    expect(run.totals).toEqual({
      findings: 0,
      annualCostPence: 0,
      byPartner: { SCDC: { count: 0, annualCostPence: 0 } },
    });
  });

  it('shows a running run with its progress', async () => {
    const run = await getRun(stores, callerOf('CCC', ['licence-admin']), 'run-2026-11-03');
    expect(run).toMatchObject({ status: 'running', finishedAt: null, totals: null, reports: null });
    expect(run.progress).toEqual([expect.objectContaining({ partnerCode: 'CCC', usersRead: 120 })]);
  });

  it('answers 404 for an unknown run or one of another partnership, and 403 for staff', async () => {
    await expect(getRun(stores, callerOf('HDC', ['partnership-admin']), 'nope')).rejects.toMatchObject({
      kind: 'not-found',
    });
    const outsider = callerOf('PCC', ['partnership-admin'], 'other');
    await expect(getRun(stores, outsider, 'run-2026-11-02')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(getRun(stores, callerOf('HDC', ['staff']), 'run-2026-11-02')).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});
