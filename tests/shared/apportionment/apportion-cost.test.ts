import { beforeEach, describe, expect, it } from 'vitest';
import { apportionCost } from '../../../shared/apportionment/apportion-cost';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

describe('apportionCost', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('splits a project cost by expected users, to the penny, with every council listed', async () => {
    const result = await apportionCost(stores, callerOf('CCC', ['staff']), {
      rule: 'project',
      amountPence: 10_000_000,
      drivers: { CCC: 420, HDC: 310 },
    });
    expect(result.shares.map((s) => [s.partnerCode, s.pence])).toEqual([
      ['CCC', 5_753_425],
      ['HDC', 4_246_575],
      ['SCDC', 0],
    ]);
    expect(result.shares.reduce((sum, s) => sum + s.pence, 0)).toBe(10_000_000);
  });

  it('takes staff contributions from the plan cost per partner when no drivers are given', async () => {
    await stores.plans.create({
      id: '2020-21',
      year: '2020-21',
      title: 'Plan',
      version: 'V1',
      approvals: [],
      roadmap: [],
      priorities: [],
      lowValueApplications: [],
      costByPartner: {
        title: 'Cost by partner',
        unit: 'gbp',
        columns: [{ key: '2020-21', label: 'Year 5 2020/21' }],
        rows: [
          { key: 'ccc', label: 'City', partnerCode: 'CCC', isTotal: false, values: { '2020-21': 2_991_556 } },
          { key: 'hdc', label: 'HDC', partnerCode: 'HDC', isTotal: false, values: { '2020-21': 2_084_951 } },
          { key: 'scdc', label: 'SCDC', partnerCode: 'SCDC', isTotal: false, values: { '2020-21': 1_375_465 } },
          { key: 'total', label: 'Grand Totals', isTotal: true, values: { '2020-21': 6_489_619 } },
        ],
        notes: [],
      },
      partnershipId: 'p3',
      sequence: 0,
    });
    const result = await apportionCost(stores, callerOf('HDC'), { rule: 'staff', amountPence: 100, year: '2020-21' });
    expect(result.driverSource).toMatch(/2020-21/);
    expect(result.shares.map((s) => s.pence)).toEqual([47, 32, 21]);
  });

  it('charges a legacy cost to the originating council only', async () => {
    const result = await apportionCost(stores, callerOf('HDC'), {
      rule: 'legacy',
      amountPence: 5_000,
      originatingPartner: 'SCDC',
    });
    expect(result.shares.map((s) => s.pence)).toEqual([0, 0, 5_000]);
  });

  it('refuses councils outside the partnership, missing drivers and all-zero drivers', async () => {
    const caller = callerOf('HDC');
    await expect(
      apportionCost(stores, caller, { rule: 'shared-running', amountPence: 1, drivers: { PCC: 3 } }),
    ).rejects.toMatchObject({ kind: 'invalid-input', problems: [{ path: 'drivers.PCC' }] });
    await expect(apportionCost(stores, caller, { rule: 'project', amountPence: 1 })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(
      apportionCost(stores, caller, { rule: 'project', amountPence: 1, drivers: { CCC: 0 } }),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(apportionCost(stores, caller, { rule: 'legacy', amountPence: 1 })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(
      apportionCost(stores, caller, { rule: 'staff', amountPence: 1, year: '2031-32' }),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});
