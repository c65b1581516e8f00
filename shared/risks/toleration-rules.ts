import { createHash } from 'node:crypto';
import { recordWrites } from '../audit/audit-trail';
import { DomainError, notFound } from '../errors';
import type { Caller } from '../identity/caller';
import {
  type RiskToleration,
  riskToleration,
  type TolerationActor,
  type TolerationDecision,
} from '../schemas/risk-tolerations';
import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

const DAY_MS = 24 * 60 * 60_000;

/** Enough for every council of a partnership to write in turn; beyond it, something else is wrong. */
const MAX_WRITE_ATTEMPTS = 10;

/**
 * The id of a risk's round `round`: readable (`tol-risk-hdc-firewalls-r2`), and the same for the same round, so
 * two requests or two timers racing to open it create it once. A risk id too long to fit is hashed.
 */
export function tolerationId(riskId: string, round: number): string {
  const readable = `tol-${riskId}-r${round}`;
  if (readable.length <= 120) return readable;
  return `tol-${createHash('sha256').update(riskId).digest('hex').slice(0, 32)}-r${round}`;
}

export function actorOf(caller: Caller): TolerationActor {
  return { partnerCode: caller.partnerCode, name: caller.name, tenantId: caller.tenantId, objectId: caller.userId };
}

/** Who the audit trail names for what the daily review does on its own. */
export function reviewCaller(partnershipId: string): Caller {
  return {
    partnershipId,
    partnerCode: 'SYSTEM',
    roles: [],
    tenantId: 'system',
    userId: 'system:toleration-review',
    name: 'Daily toleration review',
  };
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** A stored round, checked against the stored shape before it is written. */
export function toStored(record: Stored<RiskToleration>): Stored<RiskToleration> {
  return riskToleration.parse(record);
}

export async function readToleration(
  stores: Pick<Stores, 'riskTolerations'>,
  partnershipId: string,
  id: string,
): Promise<Versioned<RiskToleration>> {
  const found = await stores.riskTolerations.get(partnershipId, id);
  if (!found) throw notFound(`There is no toleration request ${id}.`);
  return found;
}

/** Every round of one risk, oldest first. */
export async function roundsOfRisk(
  stores: Pick<Stores, 'riskTolerations'>,
  partnershipId: string,
  riskId: string,
): Promise<Versioned<RiskToleration>[]> {
  return (await stores.riskTolerations.listAll(partnershipId))
    .filter((row) => row.record.riskId === riskId)
    .sort((a, b) => a.record.round - b.record.round);
}

/** What a change decided: the next record to write, or an answer that writes nothing. */
export type ChangeStep<A> = { write: Stored<RiskToleration>; answer: A } | { answer: A };

/**
 * Reads a round, lets `decide` choose what to write, and writes it with the ETag read, then audits it. When the
 * caller sent an ETag, the write is conditional on it (412 when stale); otherwise a write that lost a race is
 * re-read and decided again, so concurrent decisions of different councils all land and a council's second
 * answer sees its first.
 */
export async function changeToleration<A>(
  stores: Pick<Stores, 'riskTolerations' | 'audit'>,
  caller: Caller,
  id: string,
  action: string,
  etag: string | undefined,
  decide: (current: Versioned<RiskToleration>) => Promise<ChangeStep<A>> | ChangeStep<A>,
): Promise<{ answer: A; written: Versioned<RiskToleration> | null; current: Versioned<RiskToleration> }> {
  for (let attempt = 1; ; attempt++) {
    const current = await readToleration(stores, caller.partnershipId, id);
    const step = await decide(current);
    if (!('write' in step)) return { answer: step.answer, written: null, current };
    const expected = etag ?? current.etag;
    try {
      const written = await stores.riskTolerations.replace(toStored(step.write), expected);
      await recordWrites(stores.audit, caller, action, [
        { kind: 'riskTolerations', id, etagBefore: expected, etagAfter: written.etag },
      ]);
      return { answer: step.answer, written, current: written };
    } catch (error) {
      const raced = error instanceof DomainError && error.kind === 'precondition-failed';
      if (!raced || etag !== undefined) throw error;
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        throw new DomainError('conflict', 'Too many people are changing this toleration at once; try again.');
      }
    }
  }
}

/**
 * What the councils' decisions add up to. The first council that does not tolerate settles it: a joint risk one
 * council will not tolerate is not tolerated, and its answer (treat, transfer, terminate) is the outcome. Otherwise
 * it is tolerated once every council has tolerated the risk as it stands now (`version`); until then it awaits.
 */
export function outcomeOf(
  partnerCodes: readonly string[],
  decisions: readonly TolerationDecision[],
  version: string,
): RiskToleration['outcome'] {
  const current = decisions.filter((d) => d.riskSnapshot.version === version);
  const refusal = current.find((d) => d.response !== 'tolerate');
  if (refusal) return refusal.response;
  const tolerated = partnerCodes.every((code) => current.some((d) => d.partnerCode === code));
  return tolerated ? 'tolerate' : null;
}
