import { recordWrites } from '../audit/audit-trail';
import { DomainError, type InputProblem, invalidInput, notFound } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { CatalogueService } from '../schemas/catalogue';
import {
  type Incident,
  type IncidentActor,
  incident,
  STATUS_AREA_LABELS,
  STATUS_AREAS,
  type StatusArea,
} from '../schemas/incidents';
import type { Partnership } from '../schemas/partnership';
import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

/** Clocks differ: a start or end up to this far in the future still counts as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** What an incident is checked against: the partnership's councils and its service catalogue. */
export type StatusContext = { partnership: Partnership; catalogue: CatalogueService[] };

/** Only the service desk (and the shared service's administrators) change the outage log; everyone reads it. */
export function requireServiceDesk(caller: Caller): void {
  requireRole(caller, 'service-desk', 'partnership-admin');
}

export function actorOf(caller: Caller): IncidentActor {
  return { name: caller.name, partnerCode: caller.partnerCode };
}

export async function loadStatusContext(
  stores: Pick<Stores, 'partnerships' | 'catalogue'>,
  caller: Caller,
): Promise<StatusContext> {
  const [partnership, catalogue] = await Promise.all([
    findPartnership(stores, caller.partnershipId),
    stores.catalogue.listAll(caller.partnershipId),
  ]);
  return { partnership, catalogue: catalogue.map((row) => row.record) };
}

/** The area a catalogue service counts under, by the plan's label. */
function areaOfService(service: CatalogueService): StatusArea | null {
  return STATUS_AREAS.find((area) => STATUS_AREA_LABELS[area] === service.statusArea) ?? null;
}

/**
 * Catalogue services named by id or name (case and spacing aside), as ids. Each must be in the catalogue and
 * count under one of the incident's areas.
 */
export function resolveServices(
  references: readonly string[],
  areas: readonly StatusArea[],
  catalogue: readonly CatalogueService[],
  path: string,
): { ids: string[]; problems: InputProblem[] } {
  const simplify = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
  const ids: string[] = [];
  const problems: InputProblem[] = [];
  for (const reference of references) {
    const service =
      catalogue.find((s) => s.id === reference.trim()) ??
      catalogue.find((s) => simplify(s.name) === simplify(reference));
    if (!service) {
      problems.push({ path, message: `"${reference}" is not a service of the catalogue` });
      continue;
    }
    const area = areaOfService(service);
    if (!area || !areas.includes(area)) {
      const under = area ? `counts under ${STATUS_AREA_LABELS[area]}` : 'counts under no service area';
      problems.push({ path, message: `"${service.name}" ${under}, not under the areas of this incident` });
      continue;
    }
    if (!ids.includes(service.id)) ids.push(service.id);
  }
  return { ids, problems };
}

/** Councils that are not partners of the partnership. */
export function unknownCouncils(councils: readonly string[], partnership: Partnership, path: string): InputProblem[] {
  const known = partnership.partners.map((p) => p.code);
  return councils
    .filter((code) => !known.includes(code))
    .map((code) => ({ path, message: `${code} is not a council of ${partnership.name} (${known.join(', ')})` }));
}

/**
 * The rules of time: the end is not before the start; an incident has happened (start and end not in the future:
 * planned work is recorded as planned maintenance); planned maintenance has its planned end.
 */
export function timeProblems(
  record: Pick<Incident, 'kind' | 'start' | 'end'>,
  now: Date,
  paths: { start: string; end: string } = { start: 'start', end: 'end' },
): InputProblem[] {
  const problems: InputProblem[] = [];
  const start = Date.parse(record.start);
  const end = record.end === null ? null : Date.parse(record.end);
  const latest = now.getTime() + CLOCK_SKEW_MS;
  if (end !== null && end < start) {
    problems.push({ path: paths.end, message: `the end (${record.end}) is before the start (${record.start})` });
  }
  if (record.kind === 'incident') {
    if (start > latest) {
      problems.push({
        path: paths.start,
        message: 'an incident cannot start in the future; record planned work as planned-maintenance',
      });
    }
    if (end !== null && end > latest) {
      problems.push({
        path: paths.end,
        message: 'an incident cannot end in the future; leave the end empty and resolve it when it ends',
      });
    }
  } else if (end === null) {
    problems.push({ path: paths.end, message: 'planned maintenance needs the end of its planned window' });
  }
  return problems;
}

/** Throws 400 with every problem, if there are any. */
export function refuseProblems(message: string, problems: readonly InputProblem[]): void {
  if (problems.length > 0) throw invalidInput(message, [...problems]);
}

/** Whether the end on record is a real one (it has passed), rather than a planned one still ahead. */
export function hasEnded(record: Pick<Incident, 'end'>, now: Date): boolean {
  return record.end !== null && Date.parse(record.end) <= now.getTime();
}

/** A stored incident, checked against the stored shape before it is written; its sequence is its start. */
export function toStored(record: Omit<Stored<Incident>, 'sequence'>): Stored<Incident> {
  return incident.parse({ ...record, sequence: Date.parse(record.start) });
}

export async function readIncident(
  stores: Pick<Stores, 'incidents'>,
  caller: Caller,
  id: string,
): Promise<Versioned<Incident>> {
  const found = await stores.incidents.get(caller.partnershipId, id);
  if (!found) throw notFound(`There is no incident ${id}.`);
  return found;
}

export function requireEtag(etag: string | undefined): string {
  if (!etag) throw new DomainError('precondition-required', 'Send the ETag you read in an If-Match header.');
  return etag;
}

/**
 * Read, change and write one incident under its ETag, and audit the write. With the caller's If-Match the write
 * is conditional on what they read (a stale one is refused with 412); without it, the change is applied to the
 * latest version, re-read and re-applied if someone wrote in between, so appending never loses a concurrent write.
 */
export async function changeIncident(
  stores: Pick<Stores, 'incidents' | 'audit'>,
  caller: Caller,
  id: string,
  action: string,
  etag: string | undefined,
  change: (current: Stored<Incident>) => Stored<Incident>,
): Promise<Versioned<Incident>> {
  for (let attempt = 1; ; attempt++) {
    const current = await readIncident(stores, caller, id);
    const expected = etag ?? current.etag;
    const next = change(current.record);
    try {
      const written = await stores.incidents.replace(next, expected);
      await recordWrites(stores.audit, caller, action, [
        { kind: 'incidents', id, etagBefore: expected, etagAfter: written.etag },
      ]);
      return written;
    } catch (error) {
      const raced = error instanceof DomainError && error.kind === 'precondition-failed';
      if (!raced || etag !== undefined || attempt >= 3) throw error;
    }
  }
}

/** Where an incident stands at an instant: still to start, under way, or over. */
export type IncidentPhase = 'upcoming' | 'under-way' | 'ended';

export function phaseAt(record: Pick<Incident, 'start' | 'end'>, now: Date): IncidentPhase {
  if (Date.parse(record.start) > now.getTime()) return 'upcoming';
  return hasEnded(record, now) ? 'ended' : 'under-way';
}
