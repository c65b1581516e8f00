import { recordWrites } from '../audit/audit-trail';
import { DomainError, notFound } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { RiskResponse, RiskToleration, TolerationRequestInput } from '../schemas/risk-tolerations';
import type { InfrastructureRisk } from '../schemas/risks';
import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { viewOf } from './read-tolerations';
import { snapshotOf } from './risk-score';
import { queueNotice } from './toleration-notices';
import { actorOf, readToleration, roundsOfRisk, tolerationId, toStored } from './toleration-rules';
import { getTolerationSettings, reviewDaysFor } from './toleration-settings';
import type { TolerationView } from './toleration-view';

export type RoundTerms = {
  recommendedResponse: RiskResponse;
  note: string;
  responses: RiskResponse[];
  /** Null to follow the risk level's default. */
  reviewDays: number | null;
};

/**
 * A partnership administrator asks every council of a risk to tolerate it, with a recommendation and a review
 * period (the risk level's default unless given). Each council's approvers are sent a card. A risk has one round
 * awaiting decisions at a time: asking again with the same terms (a retry, a double click) answers that round and
 * records nothing; asking with other terms is refused (409) until it is withdrawn.
 */
export async function requestToleration(
  stores: Pick<Stores, 'partnerships' | 'risks' | 'riskTolerations' | 'riskNotices' | 'riskSettings' | 'audit'>,
  caller: Caller,
  input: TolerationRequestInput,
  now: () => Date = () => new Date(),
): Promise<{ created: boolean; toleration: TolerationView }> {
  requireRole(caller, 'partnership-admin');
  const at = now();
  const risk = await stores.risks.get(caller.partnershipId, input.riskId);
  if (!risk) throw notFound(`There is no risk ${input.riskId}.`);
  const terms: RoundTerms = {
    recommendedResponse: input.recommendedResponse,
    note: input.note,
    responses: input.responses,
    reviewDays: input.reviewDays ?? null,
  };
  const latest = (await roundsOfRisk(stores, caller.partnershipId, input.riskId)).at(-1);
  if (latest?.record.status === 'awaiting') {
    return { created: false, toleration: await viewOf(stores, caller.partnershipId, sameTerms(latest, terms), at) };
  }
  const opened = await openRound(stores, caller, risk.record, terms, {
    round: (latest?.record.round ?? 0) + 1,
    reason: 'request',
    previousTolerationId: null,
    at,
  });
  const row = opened.created ? opened.row : sameTerms(opened.row, terms);
  return { created: opened.created, toleration: await viewOf(stores, caller.partnershipId, row, at) };
}

/**
 * Creates round `round` of a risk awaiting every council's decision, queues the cards and audits it. The round's
 * id is derived from the risk and the number, so when two requests (or two daily reviews) race, one creates it and
 * the other is answered the round that exists.
 */
export async function openRound(
  stores: Pick<Stores, 'partnerships' | 'riskTolerations' | 'riskNotices' | 'riskSettings' | 'audit'>,
  caller: Caller,
  risk: Stored<InfrastructureRisk>,
  terms: RoundTerms,
  how: { round: number; reason: RiskToleration['reason']; previousTolerationId: string | null; at: Date },
): Promise<{ created: boolean; row: Versioned<RiskToleration> }> {
  const snapshot = snapshotOf(risk);
  const settings = await getTolerationSettings(stores, caller.partnershipId);
  const record = toStored({
    id: tolerationId(risk.id, how.round),
    partnershipId: caller.partnershipId,
    sequence: how.at.getTime(),
    riskId: risk.id,
    round: how.round,
    partnerCodes: [...risk.partnerCodes],
    recommendedResponse: terms.recommendedResponse,
    note: terms.note,
    responses: [...terms.responses],
    reviewDays: terms.reviewDays ?? reviewDaysFor(settings, snapshot.level),
    reviewDaysSource: terms.reviewDays === null ? 'level' : 'request',
    reason: how.reason,
    previousTolerationId: how.previousTolerationId,
    requestedAt: how.at.toISOString(),
    requestedBy: how.reason === 'request' ? actorOf(caller) : null,
    requestedSnapshot: snapshot,
    decisions: [],
    supersededDecisions: [],
    status: 'awaiting',
    outcome: null,
    decidedAt: null,
    expiresAt: null,
    remindersSent: [],
    withdrawnAt: null,
    withdrawnBy: null,
    expiredAt: null,
  });
  let row: Versioned<RiskToleration>;
  try {
    row = await stores.riskTolerations.create(record);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict') {
      return { created: false, row: await readToleration(stores, caller.partnershipId, record.id) };
    }
    throw error;
  }
  await queueNotice(stores, record, { kind: 'decision-requested', reason: how.reason, key: 'requested' }, how.at);
  await recordWrites(
    stores.audit,
    caller,
    how.reason === 'request' ? 'risk.toleration.request' : 'risk.toleration.re-request',
    [{ kind: 'riskTolerations', id: record.id, etagBefore: null, etagAfter: row.etag }],
    () => how.at,
  );
  return { created: true, row };
}

/** The round awaiting decisions, when it was asked with the same terms; otherwise 409 naming it. */
function sameTerms(row: Versioned<RiskToleration>, terms: RoundTerms): Versioned<RiskToleration> {
  const record = row.record;
  const requestedDays = record.reviewDaysSource === 'request' ? record.reviewDays : null;
  const same =
    record.status === 'awaiting' &&
    record.recommendedResponse === terms.recommendedResponse &&
    record.note === terms.note &&
    requestedDays === terms.reviewDays &&
    record.responses.length === terms.responses.length &&
    record.responses.every((response) => terms.responses.includes(response));
  if (same) return row;
  throw new DomainError(
    'conflict',
    record.status === 'awaiting'
      ? `Toleration request ${record.id} for this risk is awaiting decisions since ${record.requestedAt}; withdraw it to ask with other terms.`
      : `Toleration request ${record.id} for this risk was just made and is ${record.status}; read it and ask again if needed.`,
  );
}
