import { beforeEach, describe, expect, it } from 'vitest';
import { readReport } from '../../../shared/licences/read-report';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { licenceRun, MemoryLicenceFiles, PARTNERS } from './licence-fixtures';

describe('readReport', () => {
  let stores: Stores;
  let files: MemoryLicenceFiles;
  const run = licenceRun(2);
  beforeEach(async () => {
    stores = await storesWithPartnership();
    files = new MemoryLicenceFiles();
    await stores.licenceRuns.create(run);
    await stores.licenceRuns.create(licenceRun(3, { status: 'failed', reports: run.reports }));
    await stores.licenceRuns.create(licenceRun(4, { status: 'running' }));
    await files.writeReport(`p3/${run.id}/all.csv`, 'council,account\r\nCCC,a\r\nHDC,b\r\nSCDC,c\r\n');
    for (const code of PARTNERS)
      await files.writeReport(`p3/${run.id}/${code}.csv`, `council,account\r\n${code},x\r\n`);
  });

  it("gives the partnership's administrator the whole partnership's report", async () => {
    const report = await readReport(stores, files, callerOf('HDC', ['licence-admin', 'partnership-admin']), run.id);
    expect(report).toEqual({
      filename: 'licence-report-2026-11-02-all.csv',
      csv: 'council,account\r\nCCC,a\r\nHDC,b\r\nSCDC,c\r\n',
    });
  });

  it("gives a licence administrator their own council's report", async () => {
    const report = await readReport(stores, files, callerOf('SCDC', ['licence-admin']), run.id);
    expect(report).toEqual({ filename: 'licence-report-2026-11-02-SCDC.csv', csv: 'council,account\r\nSCDC,x\r\n' });
  });

  it('answers 404 for a run that is missing, failed, running, without that report, or whose blob is gone', async () => {
    const admin = callerOf('HDC', ['partnership-admin']);
    for (const id of ['run-2026-10-01', 'run-2026-11-03', 'run-2026-11-04']) {
      await expect(readReport(stores, files, admin, id)).rejects.toMatchObject({ kind: 'not-found' });
    }
    await stores.licenceRuns.create(licenceRun(5, { reports: { all: 'p3/gone/all.csv', byPartner: {} } }));
    await expect(readReport(stores, files, admin, 'run-2026-11-05')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(readReport(stores, files, callerOf('CCC', ['licence-admin']), 'run-2026-11-05')).rejects.toMatchObject(
      { kind: 'not-found' },
    );
  });

  it('refuses staff, and another partnership finds no run', async () => {
    await expect(readReport(stores, files, callerOf('CCC', ['staff']), run.id)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const outsider = callerOf('PCC', ['partnership-admin'], 'other');
    await expect(readReport(stores, files, outsider, run.id)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
