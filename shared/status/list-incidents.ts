import { invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import type { Incident, IncidentListQuery } from '../schemas/incidents';
import type { Page, Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { phaseAt } from './incident-rules';
import { nextDay, startOfUkDay } from './uk-time';

/**
 * A page of the partnership's outage log, for any member of staff (every council's incidents: status is shared).
 * Filters: state (open: under way now; planned: planned maintenance still to start; history: ended), kind, area,
 * council, and a date range the incident overlaps (an open incident runs to now). Newest start first; planned
 * work soonest first.
 */
export async function listIncidents(
  stores: Pick<Stores, 'incidents'>,
  caller: Caller,
  query: IncidentListQuery,
  now: () => Date = () => new Date(),
): Promise<Page<Stored<Incident>>> {
  const at = now();
  const from = query.from === undefined ? Number.NEGATIVE_INFINITY : boundAt(query.from, 'from');
  const to = query.to === undefined ? Number.POSITIVE_INFINITY : boundAt(query.to, 'to');
  if (from > to)
    throw invalidInput('The date range ends before it starts.', [{ path: 'query.to', message: 'before from' }]);

  const matching = (await stores.incidents.listAll(caller.partnershipId))
    .map((row) => row.record)
    .filter((record) => {
      const phase = phaseAt(record, at);
      if (query.state === 'open' && phase !== 'under-way') return false;
      if (query.state === 'planned' && (phase !== 'upcoming' || record.kind !== 'planned-maintenance')) return false;
      if (query.state === 'history' && phase !== 'ended') return false;
      if (query.kind && record.kind !== query.kind) return false;
      if (query.area && !record.areas.includes(query.area)) return false;
      if (query.council && !record.councils.includes(query.council)) return false;
      const start = Date.parse(record.start);
      const end = record.end === null ? Math.max(at.getTime(), start) : Date.parse(record.end);
      return start <= to && end >= from;
    });
  const soonestFirst = query.state === 'planned' ? 1 : -1;
  matching.sort((a, b) => soonestFirst * (Date.parse(a.start) - Date.parse(b.start)) || a.id.localeCompare(b.id));
  const offset = query.continuationToken ? Number(query.continuationToken) : 0;
  const end = offset + query.pageSize;
  return {
    items: matching.slice(offset, end),
    continuationToken: end < matching.length ? String(end) : null,
  };
}

/** A bound in epoch ms: an instant as given; a day from midnight UK time, and a `to` day to its end. */
function boundAt(value: string, which: 'from' | 'to'): number {
  if (value.includes('T')) return Date.parse(value);
  const day = startOfUkDay(which === 'to' ? nextDay(value) : value);
  if (!day) throw invalidInput(`The ${which} date is not a date.`, [{ path: `query.${which}`, message: value }]);
  return which === 'to' ? day.getTime() - 1 : day.getTime();
}
