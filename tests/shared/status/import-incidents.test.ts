import { beforeEach, describe, expect, it } from 'vitest';
import { incident } from '../../../shared/schemas/incidents';
import { importIncidents } from '../../../shared/status/import-incidents';
import type { Stores } from '../../../shared/stores/stores';
import { auditActions, clock, serviceDesk, staffOf, statusStores } from './status-fixtures';

const HEADER = 'title,kind,areas,councils,start,end,severity,cause,supplier,services,notes';
const ROWS = [
  'HDC telephony down,incident,network-telephony,HDC,2019-07-16 10:05,2019-07-16 10:45,outage,third-party,Cambridgeshire County Council,Telephony Management,Contact centre lines down.',
  'Email and web to City,incident,Email;Internet/web site services,CCC,18/07/2019 09:15,18/07/2019 10:15,outage,3rd party,Enta.net,,',
  '"Slow internet, all partners",incident,network,all,2019-08-07T12:20:00Z,2019-08-07T15:20:00Z,degraded,third-party,Virgin Media Business,,',
  'Network maintenance,planned-maintenance,network-telephony,CCC;SCDC,2019-09-11 12:30,2019-09-11 13:00,outage,internal,,,',
];
const csv = (rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

describe('importIncidents', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await statusStores();
  });
  const stored = async () =>
    (await stores.incidents.listAll('p3')).map((row) => row.record).sort((a, b) => a.sequence - b.sequence);

  it('loads every row: UK times as UTC, areas and services by name, all councils, causes, notes', async () => {
    const counts = await importIncidents(stores, serviceDesk, csv(ROWS), clock);
    expect(counts).toEqual({ rows: 4, created: 4, updated: 0, unchanged: 0 });
    const [phones, email, slow, maintenance] = await stored();
    for (const record of [phones, email, slow, maintenance]) expect(incident.parse(record)).toEqual(record);
    expect(phones).toMatchObject({
      kind: 'incident',
      areas: ['network-telephony'],
      services: ['svc-telephony-management'],
      councils: ['HDC'],
      start: '2019-07-16T09:05:00.000Z',
      end: '2019-07-16T09:45:00.000Z',
      cause: { kind: 'third-party', supplier: 'Cambridgeshire County Council' },
      updates: [{ text: 'Contact centre lines down.', by: { partnerCode: 'HDC' } }],
      source: 'import',
      resolvedBy: { partnerCode: 'HDC' },
    });
    expect(phones?.id).toMatch(/^imp-[0-9a-f]{24}$/);
    expect(email).toMatchObject({ areas: ['email', 'internet-web'], start: '2019-07-18T08:15:00.000Z', updates: [] });
    expect(slow).toMatchObject({
      title: 'Slow internet, all partners',
      councils: ['CCC', 'HDC', 'SCDC'],
      severity: 'degraded',
    });
    expect(maintenance).toMatchObject({
      kind: 'planned-maintenance',
      councils: ['CCC', 'SCDC'],
      cause: { kind: 'internal' },
    });
    expect(await auditActions(stores)).toEqual(Array(4).fill('incident.import'));
  });

  it('is idempotent: the same file again writes and audits nothing; a corrected row updates in place', async () => {
    await importIncidents(stores, serviceDesk, csv(ROWS), clock);
    const before = await stores.incidents.listAll('p3');
    expect(await importIncidents(stores, serviceDesk, csv(ROWS), clock)).toEqual({
      rows: 4,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(await stores.incidents.listAll('p3')).toEqual(before);
    expect(await auditActions(stores)).toHaveLength(4);

    const corrected = [ROWS[0]?.replace('2019-07-16 10:45', '2019-07-16 10:50') as string, ...ROWS.slice(1)];
    expect(await importIncidents(stores, serviceDesk, csv(corrected), clock)).toEqual({
      rows: 4,
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    const after = await stored();
    expect(after).toHaveLength(4);
    expect(after[0]).toMatchObject({ id: before[0]?.record.id, end: '2019-07-16T09:50:00.000Z' });
    expect(after[0]?.updates).toEqual(before.find((r) => r.record.id === after[0]?.id)?.record.updates);
    expect(await auditActions(stores)).toHaveLength(5);
  });

  it('reports each bad row by its line number and imports nothing', async () => {
    const bad = [
      ROWS[0] as string,
      'Bad times,incident,email,CCC,2019-07-20 10:00,2019-07-20 09:00,outage,internal,,,',
      ROWS[1] as string,
      'Unknown things,outage,Printing,PCC,yesterday,,broken,third-party,,Training,',
    ];
    const attempt = importIncidents(stores, serviceDesk, csv(bad), clock);
    await expect(attempt).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringContaining('nothing was imported'),
    });
    const problems = (await attempt.catch((e) => e.problems)) as { path: string; message: string }[];
    expect(problems.filter((p) => p.path === 'line 3').map((p) => p.message)).toEqual([
      'the end (2019-07-20T08:00:00.000Z) is before the start (2019-07-20T09:00:00.000Z)',
    ]);
    const line5 = problems.filter((p) => p.path === 'line 5').map((p) => p.message);
    expect(line5).toEqual(
      expect.arrayContaining([
        'kind "outage" is not incident or planned-maintenance',
        expect.stringContaining('area "Printing" is not one of'),
        expect.stringContaining('PCC is not a council'),
        expect.stringContaining('"yesterday" is not a time'),
        'severity "broken" is not outage or degraded',
        'a third-party cause needs the supplier',
      ]),
    );
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(['line 3', 'line 5']));
    expect(await stores.incidents.listAll('p3')).toEqual([]);
    expect(await auditActions(stores)).toEqual([]);
  });

  it('counts file lines, so a quoted note over two lines moves the next row down', async () => {
    const rows = [
      'Two-line note,incident,email,CCC,2019-07-01 10:00,2019-07-01 10:30,outage,unknown,,,"first line\nsecond line"',
      'Supplier without cause,incident,email,CCC,2019-07-02 10:00,2019-07-02 10:30,outage,internal,Enta.net,,',
    ];
    await expect(importIncidents(stores, serviceDesk, csv(rows), clock)).rejects.toMatchObject({
      problems: [{ path: 'line 4', message: 'a supplier is named but the cause is internal; use third-party' }],
    });
  });

  it('refuses an event listed twice, a file without the columns, and an unreadable file', async () => {
    await expect(
      importIncidents(stores, serviceDesk, csv([ROWS[0] as string, ROWS[1] as string, ROWS[0] as string]), clock),
    ).rejects.toMatchObject({ problems: [{ path: 'line 4', message: expect.stringContaining('as line 2') }] });
    await expect(importIncidents(stores, serviceDesk, 'title,areas\nx,email\n', clock)).rejects.toMatchObject({
      problems: expect.arrayContaining([{ path: 'header', message: 'no "start" column' }]),
    });
    await expect(importIncidents(stores, serviceDesk, `${HEADER}\n"unclosed,quote\n`, clock)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'file' }],
    });
    expect(await stores.incidents.listAll('p3')).toEqual([]);
  });

  it('refuses an incident in the future: planned work is imported as planned maintenance', async () => {
    const rows = ['Future,incident,email,CCC,2030-01-01 10:00,2030-01-01 11:00,outage,unknown,,,'];
    await expect(importIncidents(stores, serviceDesk, csv(rows), clock)).rejects.toMatchObject({
      problems: expect.arrayContaining([
        { path: 'line 2', message: expect.stringContaining('cannot start in the future') },
      ]),
    });
  });

  it('is for the service desk only: staff get 403 and nothing is written', async () => {
    await expect(importIncidents(stores, staffOf('HDC'), csv(ROWS), clock)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(await stores.incidents.listAll('p3')).toEqual([]);
  });
});
