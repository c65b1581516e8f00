import { beforeEach, describe, expect, it } from 'vitest';
import { listFindings } from '../../../shared/licences/list-findings';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { finding, licenceRun } from './licence-fixtures';

const ids = (answer: { findings: { id: string }[] }) => answer.findings.map((f) => f.id).sort();

describe('listFindings', () => {
  let stores: Stores;
  const shared = callerOf('HDC', ['staff', 'partnership-admin']);
  const cityAdmin = callerOf('CCC', ['staff', 'licence-admin']);

  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  const seedRuns = async () => {
    for (const run of [
      licenceRun(1),
      licenceRun(2),
      licenceRun(3, { status: 'failed' }),
      licenceRun(4, { status: 'running' }),
    ]) {
      await stores.licenceRuns.create(run);
    }
    await stores.licenceFindings.saveAll('p3', 'run-2026-11-01', [finding('old-ccc', ['CCC'])]);
    await stores.licenceFindings.saveAll('p3', 'run-2026-11-02', [
      finding('ccc-only', ['CCC'], 'inactive-licensed'),
      finding('ccc-hdc', ['CCC', 'HDC']),
      finding('hdc-only', ['HDC'], 'leaver-licensed'),
      finding('hdc-scdc', ['HDC', 'SCDC']),
      finding('scdc-only', ['SCDC'], 'disabled-licensed'),
    ]);
    await stores.licenceFindings.saveAll('p3', 'run-2026-11-03', [finding('failed-ccc', ['CCC'])]);
  };

  it('answers no run and no findings before any run succeeded', async () => {
    await stores.licenceRuns.create(licenceRun(3, { status: 'failed' }));
    await stores.licenceFindings.saveAll('p3', 'run-2026-11-03', [finding('failed-ccc', ['CCC'])]);
    expect(await listFindings(stores, shared, {})).toEqual({ run: null, findings: [] });
  });

  it("gives the partnership's administrator every finding of the newest succeeded run, with the run", async () => {
    await seedRuns();
    const answer = await listFindings(stores, shared, {});
    expect(answer.run).toEqual({ id: 'run-2026-11-02', finishedAt: '2026-11-02T02:30:00.000Z' });
    expect(ids(answer)).toEqual(['ccc-hdc', 'ccc-only', 'hdc-only', 'hdc-scdc', 'scdc-only']);
  });

  it("gives a council's licence administrator the findings involving their council, cross-tenant ones included", async () => {
    await seedRuns();
    expect(ids(await listFindings(stores, cityAdmin, {}))).toEqual(['ccc-hdc', 'ccc-only']);
    const scdcAdmin = callerOf('SCDC', ['staff', 'licence-admin']);
    expect(ids(await listFindings(stores, scdcAdmin, {}))).toEqual(['hdc-scdc', 'scdc-only']);
  });

  it('gives a licence administrator who names another council only the findings involving both', async () => {
    await seedRuns();
    expect(ids(await listFindings(stores, cityAdmin, { partnerCode: 'HDC' }))).toEqual(['ccc-hdc']);
    expect(ids(await listFindings(stores, cityAdmin, { partnerCode: 'SCDC' }))).toEqual([]);
  });

  it('filters by council and type for the partnership administrator', async () => {
    await seedRuns();
    expect(ids(await listFindings(stores, shared, { partnerCode: 'HDC' }))).toEqual([
      'ccc-hdc',
      'hdc-only',
      'hdc-scdc',
    ]);
    expect(ids(await listFindings(stores, shared, { type: 'duplicate-seat' }))).toEqual(['ccc-hdc', 'hdc-scdc']);
    expect(ids(await listFindings(stores, shared, { partnerCode: 'SCDC', type: 'duplicate-seat' }))).toEqual([
      'hdc-scdc',
    ]);
    expect(ids(await listFindings(stores, cityAdmin, { type: 'leaver-licensed' }))).toEqual([]);
  });

  it('treats someone with both roles as the partnership administrator', async () => {
    await seedRuns();
    const both = callerOf('HDC', ['staff', 'licence-admin', 'partnership-admin']);
    expect(ids(await listFindings(stores, both, {}))).toHaveLength(5);
  });

  it('refuses staff and approvers, and sees nothing of another partnership', async () => {
    await seedRuns();
    for (const roles of [['staff'], ['staff', 'risk-approver', 'bid-approver']] as const) {
      await expect(listFindings(stores, callerOf('CCC', roles), {})).rejects.toMatchObject({ kind: 'forbidden' });
    }
    const outsider = callerOf('PCC', ['staff', 'licence-admin', 'partnership-admin'], 'other');
    expect(await listFindings(stores, outsider, {})).toEqual({ run: null, findings: [] });
  });
});
