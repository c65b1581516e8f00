import type { Caller } from '../identity/caller';
import type { Incident, IncidentUpdateInput } from '../schemas/incidents';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { actorOf, changeIncident, requireServiceDesk, toStored } from './incident-rules';

/**
 * Posts an update to an incident ("Supplier engineer on site"), stamped with the time and who wrote it. Needs the
 * service desk role. An If-Match, when sent, must be current (412 otherwise); without it the update is appended to
 * the latest version, so two people posting at once both keep their update.
 */
export async function addIncidentUpdate(
  stores: Pick<Stores, 'incidents' | 'audit'>,
  caller: Caller,
  id: string,
  input: IncidentUpdateInput,
  etag: string | undefined,
  now: () => Date = () => new Date(),
): Promise<Versioned<Incident>> {
  requireServiceDesk(caller);
  const at = now().toISOString();
  return changeIncident(stores, caller, id, 'incident.add-update', etag, (current) =>
    toStored({
      ...current,
      updates: [...current.updates, { at, text: input.text, by: actorOf(caller) }],
      updatedAt: at,
    }),
  );
}
