import { randomUUID } from 'node:crypto';
import { recordWrites } from '../audit/audit-trail';
import type { Caller } from '../identity/caller';
import type { Incident, IncidentCreate } from '../schemas/incidents';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import {
  actorOf,
  hasEnded,
  loadStatusContext,
  refuseProblems,
  requireServiceDesk,
  resolveServices,
  timeProblems,
  toStored,
  unknownCouncils,
} from './incident-rules';

/**
 * Records an incident (start defaults to now; open while its end is empty) or a planned maintenance window. Needs
 * the service desk role; the councils must be partners, the services catalogue services under the areas named.
 */
export async function createIncident(
  stores: Pick<Stores, 'partnerships' | 'catalogue' | 'incidents' | 'audit'>,
  caller: Caller,
  input: IncidentCreate,
  now: () => Date = () => new Date(),
): Promise<Versioned<Incident>> {
  requireServiceDesk(caller);
  const at = now();
  const context = await loadStatusContext(stores, caller);
  const start = input.start ?? (input.kind === 'incident' ? at.toISOString() : undefined);
  const services = resolveServices(input.services, input.areas, context.catalogue, 'services');
  const problems = [
    ...unknownCouncils(input.councils, context.partnership, 'councils'),
    ...services.problems,
    ...(start === undefined
      ? [{ path: 'start', message: 'planned maintenance needs the start of its planned window' }]
      : timeProblems({ kind: input.kind, start, end: input.end }, at)),
  ];
  refuseProblems('The incident is not valid; nothing was recorded.', problems);

  const actor = actorOf(caller);
  const draft = { kind: input.kind, start: start as string, end: input.end };
  const resolved = input.kind === 'incident' ? draft.end !== null : hasEnded(draft, at);
  const record = toStored({
    id: `inc-${randomUUID()}`,
    partnershipId: caller.partnershipId,
    kind: input.kind,
    title: input.title,
    areas: input.areas,
    services: services.ids,
    councils: input.councils,
    start: draft.start,
    end: draft.end,
    severity: input.severity,
    cause: input.cause,
    updates: input.update ? [{ at: at.toISOString(), text: input.update, by: actor }] : [],
    createdAt: at.toISOString(),
    createdBy: actor,
    updatedAt: at.toISOString(),
    resolvedAt: resolved ? at.toISOString() : null,
    resolvedBy: resolved ? actor : null,
    source: 'api',
  });
  const created = await stores.incidents.create(record);
  await recordWrites(stores.audit, caller, 'incident.create', [
    { kind: 'incidents', id: record.id, etagBefore: null, etagAfter: created.etag },
  ]);
  return created;
}
