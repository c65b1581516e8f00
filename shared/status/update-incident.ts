import type { Caller } from '../identity/caller';
import type { Incident, IncidentActor, IncidentChanges } from '../schemas/incidents';
import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import {
  actorOf,
  changeIncident,
  loadStatusContext,
  refuseProblems,
  requireEtag,
  requireServiceDesk,
  resolveServices,
  timeProblems,
  toStored,
  unknownCouncils,
} from './incident-rules';

/**
 * Changes an incident's fields (title, areas, services, councils, times, severity, cause). Needs the service desk
 * role and the ETag the caller read (428 without it, 412 when someone changed it since). The changed incident must
 * keep every rule a new one meets. Giving an open incident an end resolves it; clearing the end reopens it.
 */
export async function updateIncident(
  stores: Pick<Stores, 'partnerships' | 'catalogue' | 'incidents' | 'audit'>,
  caller: Caller,
  id: string,
  changes: IncidentChanges,
  etag: string | undefined,
  now: () => Date = () => new Date(),
): Promise<Versioned<Incident>> {
  requireServiceDesk(caller);
  const expected = requireEtag(etag);
  const at = now();
  const context = await loadStatusContext(stores, caller);
  return changeIncident(stores, caller, id, 'incident.update', expected, (current) => {
    const areas = changes.areas ?? current.areas;
    const servicesChecked = changes.services !== undefined || changes.areas !== undefined;
    const services = servicesChecked
      ? resolveServices(changes.services ?? current.services, areas, context.catalogue, 'services')
      : { ids: current.services, problems: [] };
    const next: Stored<Incident> = {
      ...current,
      ...changes,
      areas,
      services: services.ids,
      updatedAt: at.toISOString(),
    };
    refuseProblems('The change is not valid; nothing was changed.', [
      ...(changes.councils ? unknownCouncils(changes.councils, context.partnership, 'councils') : []),
      ...services.problems,
      ...(changes.start !== undefined || changes.end !== undefined ? timeProblems(next, at) : []),
    ]);
    return toStored({ ...next, ...resolution(current, next, at, actorOf(caller)) });
  });
}

/** Who recorded the real end, after a change: unchanged unless the end changed. */
function resolution(
  current: Incident,
  next: Incident,
  at: Date,
  actor: IncidentActor,
): { resolvedAt: string | null; resolvedBy: IncidentActor | null } {
  if (next.end === current.end) return { resolvedAt: current.resolvedAt, resolvedBy: current.resolvedBy };
  // An incident's end is always a real one; planned maintenance's only once it was resolved (else it is the plan).
  const resolved = next.kind === 'incident' ? next.end !== null : current.resolvedAt !== null;
  return resolved ? { resolvedAt: at.toISOString(), resolvedBy: actor } : { resolvedAt: null, resolvedBy: null };
}
