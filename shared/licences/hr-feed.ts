import { readCsv } from '../csv/read-csv';
import { type InputProblem, invalidInput } from '../errors';
import type { HrRecord } from './find-waste';

const COLUMNS = {
  employeeNumber: ['employee number', 'employee no', 'employee id', 'employeenumber'],
  name: ['name', 'full name'],
  workEmail: ['work email', 'email', 'workemail'],
  partnerCode: ['council', 'partner', 'partner code'],
  startDate: ['start date', 'startdate'],
  leaveDate: ['leave date', 'leavedate', 'end date'],
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads an HR starters-and-leavers CSV (employee number, name, work email, council, start date, leave date).
 * Every row is checked; any bad row makes the whole import fail, naming each bad line, so a feed is loaded
 * entirely or not at all. Dates may be ISO (2026-04-01) or UK style (01/04/2026).
 */
export function parseHrFeed(csv: string, partnerCodes: readonly string[]): HrRecord[] {
  const { rows } = readCsv(csv, Object.values(COLUMNS), {
    unreadable: 'The HR feed is not a readable CSV file.',
    missingColumns: 'The HR feed lacks columns.',
  });

  const problems: InputProblem[] = [];
  const records = rows.map(({ record, info }) => {
    const value = (column: keyof typeof COLUMNS) =>
      COLUMNS[column].map((name) => record[name]).find((v) => v !== undefined) ?? '';
    const line = `line ${info.lines}`;
    const report = (message: string) => problems.push({ path: line, message });
    const row: HrRecord = {
      employeeNumber: value('employeeNumber'),
      name: value('name'),
      workEmail: value('workEmail').toLowerCase(),
      partnerCode: value('partnerCode').toUpperCase(),
      startDate: isoDate(value('startDate'), 'start date', report),
      leaveDate: isoDate(value('leaveDate'), 'leave date', report),
    };
    if (!row.employeeNumber) report('the employee number is empty');
    if (!row.name) report('the name is empty');
    if (!EMAIL.test(row.workEmail)) report(`"${row.workEmail}" is not an email address`);
    if (!partnerCodes.includes(row.partnerCode))
      report(`council "${row.partnerCode}" is not one of ${partnerCodes.join(', ')}`);
    if (!row.startDate && !row.leaveDate && !problems.some((p) => p.path === line))
      report('give a start date or a leave date');
    if (row.startDate && row.leaveDate && row.leaveDate < row.startDate)
      report('the leave date is before the start date');
    return row;
  });
  if (problems.length > 0) throw invalidInput('The HR feed has bad rows; nothing was imported.', problems);
  return records;
}

function isoDate(text: string, label: string, report: (message: string) => void): string | null {
  if (!text) return null;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : text;
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    report(`the ${label} "${text}" is not a date (use 2026-04-01 or 01/04/2026)`);
    return null;
  }
  return iso;
}
