import { beforeEach, describe, expect, it } from 'vitest';
import { hrRowId, importHrFeed, listHrFeed } from '../../../shared/licences/import-hr-feed';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const HEADER = 'employee number,name,work email,council,start date,leave date';
const feed = (...rows: string[]) => [HEADER, ...rows].join('\n');
const NOW = () => new Date('2026-06-15T10:00:00Z');

const cityLicenceAdmin = callerOf('CCC', ['staff', 'licence-admin']);
const sharedServiceAdmin = callerOf('HDC', ['staff', 'partnership-admin']);

describe('importHrFeed', () => {
  let stores: Stores;
  const rows = async () => (await stores.hrFeed.listAll('p3')).map((r) => r.record);
  const audit = async () => (await stores.audit.listAll('p3')).map((e) => e.record);

  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('imports starters and leavers of every council for the shared service, counted and audited per row', async () => {
    const counts = await importHrFeed(
      stores,
      sharedServiceAdmin,
      feed(
        'C1,Alex Turner,alex.turner@cambridge.example,CCC,2026-07-01,',
        'H1,Jo Baker,jo.baker@huntingdonshire.example,HDC,2019-01-01,2026-05-31',
        'S1,Chris Lee,chris.lee@scambs.example,SCDC,,30/04/2026',
      ),
      NOW,
    );
    expect(counts).toEqual({ imported: 3, starters: 1, leavers: 2 });
    expect((await rows()).map((r) => [r.id, r.partnerCode, r.leaveDate, r.importedAt])).toEqual([
      ['hr-CCC-C1', 'CCC', null, NOW().toISOString()],
      ['hr-HDC-H1', 'HDC', '2026-05-31', NOW().toISOString()],
      ['hr-SCDC-S1', 'SCDC', '2026-04-30', NOW().toISOString()],
    ]);
    expect((await audit()).map((e) => [e.action, e.target.kind, e.target.id, e.etagBefore])).toEqual([
      ['licence.hr-feed.import', 'hrFeed', 'hr-CCC-C1', null],
      ['licence.hr-feed.import', 'hrFeed', 'hr-HDC-H1', null],
      ['licence.hr-feed.import', 'hrFeed', 'hr-SCDC-S1', null],
    ]);
  });

  it('replaces a person on re-import and leaves unchanged rows unwritten', async () => {
    await importHrFeed(
      stores,
      cityLicenceAdmin,
      feed('C1,A,a@c.example,CCC,2026-07-01,', 'C2,B,b@c.example,CCC,2026-07-01,'),
    );
    const before = await stores.hrFeed.get('p3', 'hr-CCC-C2');
    const counts = await importHrFeed(
      stores,
      cityLicenceAdmin,
      feed('c1,A,a@c.example,CCC,2026-07-01,2026-09-30', 'C2,B,b@c.example,CCC,2026-07-01,'),
    );
    expect(counts).toEqual({ imported: 2, starters: 1, leavers: 1 });
    expect(await rows()).toHaveLength(2);
    expect((await stores.hrFeed.get('p3', 'hr-CCC-C1'))?.record).toMatchObject({
      employeeNumber: 'c1',
      leaveDate: '2026-09-30',
    });
    expect((await stores.hrFeed.get('p3', 'hr-CCC-C2'))?.etag).toBe(before?.etag);
    const entries = await audit();
    expect(entries).toHaveLength(3);
    expect(entries[2]?.etagBefore).not.toBeNull();
  });

  it('writes nothing when a row is bad, naming its line', async () => {
    const error = await importHrFeed(
      stores,
      sharedServiceAdmin,
      feed('C1,A,a@c.example,CCC,2026-07-01,', 'C2,B,b@c.example,CCC,2026-13-45,'),
    ).catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid-input' });
    expect(error.problems).toEqual([{ path: 'line 3', message: expect.stringContaining('2026-13-45') }]);
    expect(await rows()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("refuses a licence administrator's file holding another council's row, naming the line, writing nothing", async () => {
    const error = await importHrFeed(
      stores,
      cityLicenceAdmin,
      feed('C1,A,a@c.example,CCC,2026-07-01,', 'C2,B,b@c.example,CCC,2026-07-01,', 'H9,Hd,h@h.example,HDC,2026-07-01,'),
    ).catch((e) => e);
    expect(error).toMatchObject({ kind: 'forbidden', message: expect.stringContaining("only CCC's rows") });
    expect(error.problems).toEqual([{ path: 'line 4', message: expect.stringContaining('another council') }]);
    expect(await rows()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('refuses a person listed twice', async () => {
    await expect(
      importHrFeed(
        stores,
        sharedServiceAdmin,
        feed('C1,A,a@c.example,CCC,2026-07-01,', 'c1,A,a@c.example,CCC,,2026-08-01'),
      ),
    ).rejects.toMatchObject({ kind: 'invalid-input', problems: [{ path: 'employee C1' }] });
    expect(await rows()).toEqual([]);
  });

  it('is for licence administrators; staff are refused', async () => {
    await expect(
      importHrFeed(stores, callerOf('CCC', ['staff']), feed('C1,A,a@c.example,CCC,2026-07-01,')),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await rows()).toEqual([]);
  });

  it('makes Cosmos-safe, distinct ids from any employee number', () => {
    const ids = ['A/1', 'A_2f_1', 'A?1', 'A#1', 'a 1', 'A\\1'].map((n) =>
      hrRowId({ partnerCode: 'CCC', employeeNumber: n }),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^hr-CCC-[A-Za-z0-9._-]+$/);
    expect(hrRowId({ partnerCode: 'CCC', employeeNumber: 'x'.repeat(300) }).length).toBeLessThan(120);
  });

  it('lists the caller’s council’s rows, or every council’s for the shared service', async () => {
    await importHrFeed(
      stores,
      sharedServiceAdmin,
      feed('H1,A,a@h.example,HDC,2026-07-01,', 'C1,B,b@c.example,CCC,2026-07-01,'),
    );
    expect((await listHrFeed(stores, cityLicenceAdmin)).map((r) => r.employeeNumber)).toEqual(['C1']);
    expect((await listHrFeed(stores, sharedServiceAdmin)).map((r) => r.partnerCode)).toEqual(['CCC', 'HDC']);
    await expect(listHrFeed(stores, callerOf('CCC', ['staff']))).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
