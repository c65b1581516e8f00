import { DomainError, forbidden, invalidInput } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { Partnership } from '../schemas/partnership';
import type { RiskToleration, TolerationDecision, TolerationDecisionInput } from '../schemas/risk-tolerations';
import type { Stores } from '../stores/stores';
import { viewOf } from './read-tolerations';
import { snapshotOf } from './risk-score';
import { queueNotice } from './toleration-notices';
import { actorOf, addDays, type ChangeStep, changeToleration, outcomeOf } from './toleration-rules';
import { getTolerationSettings, reviewDaysFor } from './toleration-settings';
import type { TolerationView } from './toleration-view';

/**
 * recorded: the council's decision was recorded now. Nothing was recorded otherwise: already-decided (a double
 * click, a replay, or another approver of the council was first), closed (the round was settled, withdrawn or has
 * expired), risk-changed (the card showed an earlier version of the risk: the answer shows the current one).
 */
export type DecisionResult = 'recorded' | 'already-decided' | 'closed' | 'risk-changed';

export type DecisionOptions = {
  /** The ETag the caller read (the tab's If-Match): a stale one is refused with 412 rather than merged. */
  etag?: string;
  channel?: TolerationDecision['channel'];
  now?: () => Date;
};

/**
 * Records the caller's council's answer to a toleration request: from a card (the bot passes the user it verified)
 * or from the tab. The caller must be a risk approver, signed in with their council's own tenant, of a council the
 * risk belongs to. The risk is read again and kept with the decision as it stands. Whatever the caller's card
 * showed, the answer is the round as it stands now.
 */
export async function decideToleration(
  stores: Pick<Stores, 'partnerships' | 'risks' | 'riskTolerations' | 'riskNotices' | 'riskSettings' | 'audit'>,
  caller: Caller,
  id: string,
  input: TolerationDecisionInput,
  options: DecisionOptions = {},
): Promise<{ result: DecisionResult; toleration: TolerationView }> {
  requireRole(caller, 'risk-approver');
  const partnership = await findPartnership(stores, caller.partnershipId);
  requireCouncilTenant(partnership, caller);
  const at = (options.now ?? (() => new Date()))();
  const settings = await getTolerationSettings(stores, caller.partnershipId);

  const { answer, current, written } = await changeToleration(
    stores,
    caller,
    id,
    'risk.toleration.decide',
    options.etag,
    async ({ record }): Promise<ChangeStep<DecisionResult>> => {
      if (!record.partnerCodes.includes(caller.partnerCode)) {
        throw forbidden(
          `This risk belongs to ${record.partnerCodes.join(', ')}; you approve for ${caller.partnerCode} only.`,
        );
      }
      if (record.status !== 'awaiting') return { answer: 'closed' };
      const risk = await stores.risks.get(caller.partnershipId, record.riskId);
      if (!risk) throw new DomainError('conflict', `Risk ${record.riskId} is no longer in the register.`);
      const snapshot = snapshotOf(risk.record);
      const own = record.decisions.find((d) => d.partnerCode === caller.partnerCode);
      if (own && own.riskSnapshot.version === snapshot.version) return { answer: 'already-decided' };
      if (input.riskVersion !== undefined && input.riskVersion !== snapshot.version) return { answer: 'risk-changed' };
      if (!record.responses.includes(input.response)) {
        throw invalidInput(`This request offers ${record.responses.join(', ')}.`, [
          { path: 'body.response', message: `${input.response} is not offered for this risk` },
        ]);
      }
      const decision: TolerationDecision = {
        partnerCode: caller.partnerCode,
        response: input.response,
        comment: input.comment,
        decidedAt: at.toISOString(),
        decidedBy: actorOf(caller),
        channel: options.channel ?? 'api',
        riskSnapshot: snapshot,
      };
      const decisions = [...record.decisions.filter((d) => d.partnerCode !== caller.partnerCode), decision];
      const outcome = outcomeOf(record.partnerCodes, decisions, snapshot.version);
      const reviewDays =
        record.reviewDaysSource === 'level' ? reviewDaysFor(settings, snapshot.level) : record.reviewDays;
      const next: typeof record = {
        ...record,
        decisions,
        supersededDecisions: own ? [...record.supersededDecisions, own] : record.supersededDecisions,
        ...(outcome === null ? {} : settled(outcome, reviewDays, at)),
      };
      return { write: next, answer: 'recorded' };
    },
  );
  if (written) {
    const event = { kind: 'toleration-updated', reason: 'decision', key: `decision:${written.etag}` } as const;
    await queueNotice(stores, written.record, event, at);
  }
  return { result: answer, toleration: await viewOf(stores, caller.partnershipId, current, at) };
}

function settled(
  outcome: NonNullable<RiskToleration['outcome']>,
  reviewDays: number,
  at: Date,
): Partial<RiskToleration> {
  return {
    status: 'decided',
    outcome,
    decidedAt: at.toISOString(),
    reviewDays,
    expiresAt: outcome === 'tolerate' ? addDays(at, reviewDays).toISOString() : null,
  };
}

/**
 * The caller's council is the one whose tenant they signed in with. The HTTP edge derives it from the token; the
 * bot derives it from the activity: either way a council code that does not match the tenant acts for no one.
 */
function requireCouncilTenant(partnership: Partnership, caller: Caller): void {
  const council = partnership.partners.find((p) => p.code === caller.partnerCode);
  if (!council || council.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()) {
    throw forbidden(`You signed in with a tenant that is not ${caller.partnerCode}'s; decide from your own council.`);
  }
}
