import { beforeEach, describe, expect, it } from 'vitest';
import { listRuns } from '../../../shared/licences/list-runs';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { licenceRun } from './licence-fixtures';

describe('listRuns', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
    for (const day of [1, 2, 3, 4, 5]) {
      await stores.licenceRuns.create(licenceRun(day, day === 4 ? { status: 'failed' } : {}));
    }
  });

  it('pages runs newest first, failed ones included', async () => {
    const admin = callerOf('HDC', ['partnership-admin']);
    const first = await listRuns(stores, admin, { pageSize: 2 });
    expect(first.items.map((run) => run.id)).toEqual(['run-2026-11-05', 'run-2026-11-04']);
    expect(first.continuationToken).not.toBeNull();
    const second = await listRuns(stores, admin, {
      pageSize: 10,
      continuationToken: first.continuationToken as string,
    });
    expect(second.items.map((run) => run.id)).toEqual(['run-2026-11-03', 'run-2026-11-02', 'run-2026-11-01']);
    expect(second.continuationToken).toBeNull();
    expect(first.items[1]).toMatchObject({ status: 'failed', error: 'Graph answered 503' });
  });

  it('never lists tenant state, and scopes each run to a licence administrator', async () => {
    const page = await listRuns(stores, callerOf('SCDC', ['licence-admin']), { pageSize: 50 });
    expect(page.items).toHaveLength(5);
    expect(JSON.stringify(page)).not.toContain('deltatoken');
    for (const run of page.items) {
      expect(run).not.toHaveProperty('tenantState');
      if (run.status === 'succeeded') {
        expect(Object.keys(run.totals?.byPartner ?? {})).toEqual(['SCDC']);
        expect(run.reports).toEqual({ byPartner: { SCDC: `p3/${run.id}/SCDC.csv` } });
      }
    }
  });

  it('refuses staff and shows another partnership nothing', async () => {
    await expect(listRuns(stores, callerOf('CCC', ['staff']), { pageSize: 50 })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const outsider = callerOf('PCC', ['partnership-admin'], 'other');
    expect(await listRuns(stores, outsider, { pageSize: 50 })).toEqual({ items: [], continuationToken: null });
  });
});
