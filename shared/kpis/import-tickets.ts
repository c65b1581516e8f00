import { createHash } from 'node:crypto';
import { type AuditedWrite, recordWrites } from '../audit/audit-trail';
import { readCsv } from '../csv/read-csv';
import { type InputProblem, invalidInput } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import { stableJson } from '../plan/stable-json';
import type { ResolverGroup, ServiceDeskTicket, TicketPriority, TicketType } from '../schemas/service-desk';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { refreshServiceDeskMeasurements } from './computed-measurements';
import { readServiceCalendar } from './kpi-sources';
import { ukInstant } from './service-calendar';
import type { TicketFacts } from './service-desk-performance';

const COLUMNS = {
  reference: ['reference', 'ref', 'ticket', 'ticket reference', 'ticket number'],
  priority: ['priority'],
  type: ['type', 'ticket type'],
  logged: ['logged', 'logged at', 'opened', 'created'],
  responded: ['responded', 'responded at', 'first response'],
  resolved: ['resolved', 'resolved at'],
  council: ['council', 'partner', 'partner code'],
  resolverGroup: ['resolver group', 'resolvergroup', 'resolved by', 'team'],
} as const;

const TYPES: Record<string, TicketType> = {
  incident: 'incident',
  request: 'request',
  'service request': 'request',
  'work order': 'request',
};
const GROUPS: Record<string, ResolverGroup> = {
  'service desk': 'service-desk',
  'it service desk': 'service-desk',
  ict: 'ict',
  '3c ict': 'ict',
};

/**
 * Reads a service desk ticket export (CSV with a header line): reference, priority (P1-P4), type (incident or
 * request), logged, responded, resolved, council, resolver group (service-desk or ict; required for incidents).
 * Times are ISO 8601 with an offset (`2019-07-01T09:15:00+01:00`), or UK wall-clock time as `2019-07-01 09:15`
 * or `01/07/2019 09:15`; responded and resolved are empty while pending. Every row is checked, and any bad row
 * fails the whole file, naming each bad line: an export is loaded entirely or not at all.
 */
export function parseTicketExport(csv: string, partnerCodes: readonly string[]): TicketFacts[] {
  const { rows } = readCsv(csv, Object.values(COLUMNS), {
    unreadable: 'The ticket export is not a readable CSV file; nothing was imported.',
    missingColumns: 'The ticket export lacks columns; nothing was imported.',
  });
  if (rows.length === 0) throw invalidInput('The ticket export has no rows; nothing was imported.');

  const problems: InputProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const tickets = rows.map(({ record, info }) => {
    const value = (column: keyof typeof COLUMNS) =>
      COLUMNS[column].map((name) => record[name]).find((v) => v !== undefined) ?? '';
    const path = `line ${info.lines}`;
    const report = (message: string) => problems.push({ path, message });

    const reference = value('reference');
    if (!reference) report('the reference is empty');
    else if (reference.length > 60) report('the reference is longer than 60 characters');
    else if (firstLineOf.has(reference.toUpperCase()))
      report(`reference ${reference} is on line ${firstLineOf.get(reference.toUpperCase())} already`);
    else firstLineOf.set(reference.toUpperCase(), info.lines);

    const priorityText = value('priority').toUpperCase();
    const priority = (/^P?[1-4]$/.test(priorityText) ? `P${priorityText.slice(-1)}` : null) as TicketPriority | null;
    if (!priority) report(`the priority "${value('priority')}" is not P1, P2, P3 or P4`);

    const type = TYPES[value('type').toLowerCase()] ?? null;
    if (!type) report(`the type "${value('type')}" is not incident or request`);

    const groupText = value('resolverGroup').toLowerCase().replace(/[-_]+/g, ' ');
    const resolverGroup = groupText ? (GROUPS[groupText] ?? null) : null;
    if (groupText && !resolverGroup)
      report(`the resolver group "${value('resolverGroup')}" is not service-desk or ict`);
    if (!groupText && type === 'incident') report('an incident needs its resolver group (service-desk or ict)');

    const council = value('council').toUpperCase();
    if (!partnerCodes.includes(council))
      report(`council "${value('council')}" is not one of ${partnerCodes.join(', ')}`);

    const logged = readTime(value('logged'), 'logged', report, true);
    const responded = readTime(value('responded'), 'responded', report, false);
    const resolved = readTime(value('resolved'), 'resolved', report, false);
    if (logged && responded && responded < logged) report('responded is before logged');
    if (logged && resolved && resolved < logged) report('resolved is before logged');
    if (responded && resolved && resolved < responded) report('resolved is before responded');

    return {
      reference,
      priority: priority ?? 'P4',
      type: type ?? 'incident',
      logged: logged ?? '',
      responded,
      resolved,
      council,
      resolverGroup,
    } satisfies TicketFacts;
  });
  if (problems.length > 0) throw invalidInput('The ticket export has bad rows; nothing was imported.', problems);
  return tickets;
}

export type TicketImportResult = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Computed KPI-3 to KPI-5 measurements written (those whose figure changed). */
  measurementsWritten: number;
};

/**
 * Loads a service desk ticket export and recomputes KPI-3 to KPI-5 from every stored ticket. Only the service
 * desk (or the partnership administrator) may. The whole file is checked before anything is written; a ticket is
 * keyed by its reference, so a later export replaces the earlier rows of the same tickets, and rows with the same
 * content are not rewritten (loading the same file twice writes and audits nothing the second time).
 */
export async function importTickets(
  stores: Pick<
    Stores,
    'partnerships' | 'serviceDeskTickets' | 'serviceCalendars' | 'kpiDefinitions' | 'kpiMeasurements' | 'audit'
  >,
  caller: Caller,
  csv: string,
  now: () => Date = () => new Date(),
): Promise<TicketImportResult> {
  requireRole(caller, 'service-desk', 'partnership-admin');
  const { partnershipId } = caller;
  const partnership = await findPartnership(stores, partnershipId);
  const councils = partnership.partners.map((p) => p.code);
  const rows = parseTicketExport(csv, councils);

  const importedAt = now().toISOString();
  const existing = new Map(
    (await stores.serviceDeskTickets.listAll(partnershipId)).map((row) => [row.record.id, row] as const),
  );
  const all = new Map([...existing].map(([id, row]) => [id, row.record]));
  const changed: Stored<ServiceDeskTicket>[] = [];
  for (const row of rows) {
    const id = ticketId(row.reference);
    const before = existing.get(id)?.record;
    const sequence = before?.sequence ?? Date.parse(row.logged);
    const ticket = { id, ...row, importedAt, partnershipId, sequence };
    all.set(id, ticket);
    if (before && sameTicket(before, ticket)) continue;
    changed.push(ticket);
  }
  const written = await stores.serviceDeskTickets.upsertMany(changed);
  const writes: AuditedWrite[] = written.map(({ record, etag }) => ({
    kind: 'serviceDeskTickets',
    id: record.id,
    etagBefore: existing.get(record.id)?.etag ?? null,
    etagAfter: etag,
  }));
  await recordWrites(stores.audit, caller, 'kpi.tickets.import', writes);

  const [calendar, definitions] = await Promise.all([
    readServiceCalendar(stores, partnershipId),
    stores.kpiDefinitions.listAll(partnershipId),
  ]);
  const measurementsWritten = await refreshServiceDeskMeasurements(stores, caller, {
    tickets: [...all.values()],
    definitions: definitions.map(({ record }) => record),
    settings: calendar.settings,
    councils,
    now: now(),
  });
  const created = writes.filter((write) => write.etagBefore === null).length;
  return {
    rows: rows.length,
    created,
    updated: writes.length - created,
    unchanged: rows.length - writes.length,
    measurementsWritten,
  };
}

/**
 * A ticket's id from its reference. References are free text, so any character a Cosmos DB id may not hold (and
 * `_`, the escape) is written as `_` and its hex code, keeping distinct references distinct; a long one is hashed.
 */
export function ticketId(reference: string): string {
  const upper = reference.trim().toUpperCase();
  const escaped = upper.replace(/[^A-Z0-9.-]/g, (c) => `_${c.codePointAt(0)?.toString(16)}_`);
  const safe = escaped.length <= 100 ? escaped : `h${createHash('sha256').update(upper).digest('hex').slice(0, 40)}`;
  return `ticket-${safe}`;
}

function sameTicket(a: ServiceDeskTicket, b: ServiceDeskTicket): boolean {
  const content = ({ importedAt: _importedAt, sequence: _sequence, ...rest }: ServiceDeskTicket) => stableJson(rest);
  return content(a) === content(b);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const UK_LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A time of the export as a UTC ISO instant; a time without an offset is UK wall-clock time. */
export function readTime(
  text: string,
  label: string,
  report: (message: string) => void,
  required: boolean,
): string | null {
  if (!text) {
    if (required) report(`${label} is empty`);
    return null;
  }
  const bad = () => {
    report(`${label} "${text}" is not a time (use 2019-07-01T09:15:00+01:00, 2019-07-01 09:15 or 01/07/2019 09:15)`);
    return null;
  };
  if (ISO_WITH_OFFSET.test(text)) {
    const instant = Date.parse(text);
    if (Number.isNaN(instant) || !validDate(text.slice(0, 10))) return bad();
    return new Date(instant).toISOString();
  }
  const iso = ISO_LOCAL.exec(text);
  const uk = UK_LOCAL.exec(text);
  const parts = iso
    ? { date: `${iso[1]}-${iso[2]}-${iso[3]}`, hour: iso[4], minute: iso[5], second: iso[6] }
    : uk
      ? {
          date: `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}`,
          hour: uk[4],
          minute: uk[5],
          second: uk[6],
        }
      : null;
  if (!parts || !validDate(parts.date)) return bad();
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return bad();
  return new Date(ukInstant(parts.date, hour * 60 + minute) + second * 1000).toISOString();
}

function validDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
