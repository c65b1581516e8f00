import { createHash } from 'node:crypto';
import { type AuditedWrite, recordWrites } from '../audit/audit-trail';
import { DomainError, invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import type { HrRecord } from './find-waste';
import { parseHrFeed } from './hr-feed';
import { actsForEveryCouncil, requireLicenceAdmin } from './licence-admin-scope';
import type { HrFeedRow } from './licence-records';

export type HrImportCounts = { imported: number; starters: number; leavers: number };

/**
 * Loads an HR starters-and-leavers CSV, which tells the run who has left (and so should hold no seat). The whole
 * file is checked first and nothing is written unless every row is good. A council's licence administrator may
 * load only their own council's people: a row of another council fails the import, naming its line. Rows replace
 * earlier rows of the same person (council and employee number); rows whose content is unchanged are not
 * rewritten, so loading the same file twice writes and audits nothing the second time.
 */
export async function importHrFeed(
  stores: Pick<Stores, 'partnerships' | 'hrFeed' | 'audit'>,
  caller: Caller,
  csv: string,
  now: () => Date = () => new Date(),
): Promise<HrImportCounts> {
  requireLicenceAdmin(caller);
  const partnership = await findPartnership(stores, caller.partnershipId);
  const rows = parseHrFeed(
    csv,
    partnership.partners.map((p) => p.code),
  );
  if (!actsForEveryCouncil(caller)) refuseOtherCouncils(csv, rows, caller);
  refuseRepeatedPeople(rows);

  const importedAt = now().toISOString();
  const existing = new Map(
    (await stores.hrFeed.listAll(caller.partnershipId)).map((row) => [row.record.id, row] as const),
  );
  const changed: Stored<HrFeedRow>[] = [];
  rows.forEach((row, sequence) => {
    const id = hrRowId(row);
    const before = existing.get(id)?.record;
    if (before && sameContent(before, row)) return;
    changed.push({ ...row, id, partnershipId: caller.partnershipId, sequence, importedAt });
  });
  const written = await stores.hrFeed.upsertMany(changed);
  const writes: AuditedWrite[] = written.map(({ record, etag }) => ({
    kind: 'hrFeed',
    id: record.id,
    etagBefore: existing.get(record.id)?.etag ?? null,
    etagAfter: etag,
  }));
  await recordWrites(stores.audit, caller, 'licence.hr-feed.import', writes);

  const leavers = rows.filter((row) => row.leaveDate !== null).length;
  return { imported: rows.length, starters: rows.length - leavers, leavers };
}

/** The HR rows the caller may see: every council's for the shared service's administrator, else their own. */
export async function listHrFeed(stores: Pick<Stores, 'hrFeed'>, caller: Caller): Promise<HrFeedRow[]> {
  requireLicenceAdmin(caller);
  const all = await stores.hrFeed.listAll(caller.partnershipId);
  return all
    .map(({ record }) => record)
    .filter((row) => actsForEveryCouncil(caller) || row.partnerCode === caller.partnerCode)
    .sort((a, b) => a.partnerCode.localeCompare(b.partnerCode) || a.employeeNumber.localeCompare(b.employeeNumber));
}

/**
 * A person's row id: council plus employee number. Employee numbers are free text, so any character a Cosmos DB
 * id may not hold (and `_`, the escape) is written as `_` and its hex code, keeping distinct numbers distinct;
 * a very long one is hashed.
 */
export function hrRowId(row: Pick<HrRecord, 'partnerCode' | 'employeeNumber'>): string {
  const number = row.employeeNumber.trim().toUpperCase();
  const escaped = number.replace(/[^A-Z0-9.-]/g, (c) => `_${c.codePointAt(0)?.toString(16)}_`);
  const safe = escaped.length <= 100 ? escaped : `h${createHash('sha256').update(number).digest('hex').slice(0, 40)}`;
  return `hr-${row.partnerCode}-${safe}`;
}

/**
 * Re-reads the feed allowing only the caller's council: every problem it reports then is a row of another council
 * (all else was checked already), with the line number the parser counted.
 */
function refuseOtherCouncils(csv: string, rows: readonly HrRecord[], caller: Caller): void {
  if (rows.every((row) => row.partnerCode === caller.partnerCode)) return;
  const message = `A licence administrator of ${caller.partnerCode} may import only ${caller.partnerCode}'s rows; nothing was imported.`;
  try {
    parseHrFeed(csv, [caller.partnerCode]);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problems = error.problems.map((problem) => ({
      path: problem.path,
      message: `this row is for another council, not ${caller.partnerCode}`,
    }));
    throw new DomainError('forbidden', message, problems);
  }
  throw new DomainError('forbidden', message);
}

/** Two rows for one person would leave which one stands to chance, so the feed must give each person once. */
function refuseRepeatedPeople(rows: readonly HrRecord[]): void {
  const byId = new Map<string, HrRecord[]>();
  for (const row of rows) byId.set(hrRowId(row), [...(byId.get(hrRowId(row)) ?? []), row]);
  const repeated = [...byId.values()].filter((same) => same.length > 1);
  if (repeated.length === 0) return;
  throw invalidInput(
    'The HR feed lists a person more than once; nothing was imported.',
    repeated.map((same) => ({
      path: `employee ${same[0]?.employeeNumber}`,
      message: `${same[0]?.partnerCode} employee ${same[0]?.employeeNumber} has ${same.length} rows; give one row per person`,
    })),
  );
}

function sameContent(stored: HrFeedRow, row: HrRecord): boolean {
  return (
    stored.employeeNumber === row.employeeNumber &&
    stored.name === row.name &&
    stored.workEmail === row.workEmail &&
    stored.partnerCode === row.partnerCode &&
    stored.startDate === row.startDate &&
    stored.leaveDate === row.leaveDate
  );
}
