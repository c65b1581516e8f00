import type { InputProblem } from '../errors';
import { DomainError } from '../errors';
import type { Caller } from '../identity/caller';
import type { Incident, IncidentResolve } from '../schemas/incidents';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { actorOf, CLOCK_SKEW_MS, changeIncident, refuseProblems, requireServiceDesk, toStored } from './incident-rules';

/**
 * Ends an open incident, or a planned maintenance under way, at the time given or now, with an optional closing
 * update. An end before the start, or in the future, is refused; so is resolving twice (409: to correct the end,
 * change the incident). Needs the service desk role; an If-Match, when sent, must be current.
 */
export async function resolveIncident(
  stores: Pick<Stores, 'incidents' | 'audit'>,
  caller: Caller,
  id: string,
  input: IncidentResolve,
  etag: string | undefined,
  now: () => Date = () => new Date(),
): Promise<Versioned<Incident>> {
  requireServiceDesk(caller);
  const at = now();
  const end = input.end ?? at.toISOString();
  return changeIncident(stores, caller, id, 'incident.resolve', etag, (current) => {
    const alreadyEnded = current.kind === 'incident' ? current.end !== null : current.resolvedAt !== null;
    if (alreadyEnded) {
      throw new DomainError(
        'conflict',
        `This ${current.kind === 'incident' ? 'incident' : 'maintenance'} was already resolved (end ${current.end}); to correct its end, change it.`,
      );
    }
    const problems = endProblems(current, end, at, input.end === undefined);
    refuseProblems('The incident cannot end then; nothing was changed.', problems);
    const actor = actorOf(caller);
    const stamp = at.toISOString();
    return toStored({
      ...current,
      end,
      updates: input.update ? [...current.updates, { at: stamp, text: input.update, by: actor }] : current.updates,
      updatedAt: stamp,
      resolvedAt: stamp,
      resolvedBy: actor,
    });
  });
}

/** The end must fall between the start and now. */
function endProblems(current: Incident, end: string, now: Date, endIsNow: boolean): InputProblem[] {
  if (Date.parse(end) < Date.parse(current.start)) {
    const message =
      endIsNow && current.kind === 'planned-maintenance'
        ? `this planned maintenance has not started yet (it starts ${current.start})`
        : `the end (${end}) is before the start (${current.start})`;
    return [{ path: 'end', message }];
  }
  if (Date.parse(end) > now.getTime() + CLOCK_SKEW_MS) {
    return [{ path: 'end', message: 'the end cannot be in the future; resolve it once it has ended' }];
  }
  return [];
}
