import type { Incident } from '../schemas/incidents';
import type { OutageInterval } from './service-availability';

/**
 * The outage log's entries as KPI-2 reads them. The status capability's schema gives every field KPI-2 needs under
 * the same name; a record missing one (written before that schema) is read defensively: no kind means an incident,
 * no severity an outage, no councils every council, and one without a start is left out.
 */
export function outagesFromIncidents(records: readonly Partial<Incident>[]): OutageInterval[] {
  return records.flatMap((record) => {
    if (typeof record.id !== 'string' || typeof record.start !== 'string') return [];
    return [
      {
        id: record.id,
        ...(typeof record.title === 'string' ? { title: record.title } : {}),
        kind: record.kind === 'planned-maintenance' ? 'planned-maintenance' : 'incident',
        severity: record.severity === 'degraded' ? 'degraded' : 'outage',
        areas: Array.isArray(record.areas) ? record.areas : [],
        councils: Array.isArray(record.councils) ? record.councils : [],
        start: record.start,
        end: typeof record.end === 'string' ? record.end : null,
      },
    ];
  });
}
