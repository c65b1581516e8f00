import type { RiskToleration } from '../schemas/risk-tolerations';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { openRound } from './request-toleration';
import { queueNotice } from './toleration-notices';
import { changeToleration, daysBetween, reviewCaller } from './toleration-rules';

/** Reminders go this many days before a toleration expires. */
export const REMINDER_DAYS = [30, 7, 1] as const;

export type ReviewOutcome = {
  reminded: { tolerationId: string; daysBeforeExpiry: number }[];
  expired: { tolerationId: string; nextTolerationId: string | null }[];
  failed: { tolerationId: string; reason: string }[];
};

type ReviewStores = Pick<
  Stores,
  'partnerships' | 'risks' | 'riskTolerations' | 'riskNotices' | 'riskSettings' | 'audit'
>;

/**
 * The daily review of one partnership's standing tolerations. 30, 7 and 1 days before one expires its councils'
 * approvers are reminded (a reminder that would come as soon as it was tolerated, or that a late review has
 * passed, is skipped: only the nearest one due is sent). Once it has expired it is marked so and the risk is asked
 * of every council again, with the same terms: the risk goes back to awaiting decision. Running it twice the same
 * day, or two instances at once, sends and records nothing twice. One round that fails does not stop the others.
 */
export async function reviewTolerations(
  stores: ReviewStores,
  partnershipId: string,
  now: Date = new Date(),
): Promise<ReviewOutcome> {
  const outcome: ReviewOutcome = { reminded: [], expired: [], failed: [] };
  const rounds = await stores.riskTolerations.listAll(partnershipId);
  const standing = rounds.filter(
    ({ record }) => record.status === 'decided' && record.outcome === 'tolerate' && record.expiresAt !== null,
  );
  for (const row of standing) {
    const latest = isLatestRound(rounds, row.record);
    try {
      if (Date.parse(row.record.expiresAt as string) <= now.getTime()) {
        const next = latest ? await reRequest(stores, rounds, row, now) : null;
        await markExpired(stores, row.record, now);
        outcome.expired.push({ tolerationId: row.record.id, nextTolerationId: next });
      } else if (latest) {
        const days = await remind(stores, row.record, now);
        if (days !== null) outcome.reminded.push({ tolerationId: row.record.id, daysBeforeExpiry: days });
      }
    } catch (error) {
      outcome.failed.push({
        tolerationId: row.record.id,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcome;
}

/** A later round (an early review an administrator asked for) takes over, unless it was withdrawn. */
function isLatestRound(rounds: readonly Versioned<RiskToleration>[], record: RiskToleration): boolean {
  return !rounds.some(
    (other) =>
      other.record.riskId === record.riskId && other.record.round > record.round && other.record.status !== 'withdrawn',
  );
}

/** The reminder due now, if it was not sent: the nearest threshold reached; the ones before it are passed over. */
async function remind(stores: ReviewStores, record: RiskToleration, now: Date): Promise<number | null> {
  const daysLeft = daysBetween(now, new Date(record.expiresAt as string));
  const due = REMINDER_DAYS.filter((days) => days < record.reviewDays && daysLeft <= days);
  if (due.length === 0) return null;
  const nearest = Math.min(...due);
  if (record.remindersSent.includes(nearest)) return null;
  await queueNotice(
    stores,
    record,
    { kind: 'expiry-reminder', reason: 'reminder', key: `reminder:${nearest}`, daysBeforeExpiry: nearest },
    now,
  );
  await changeToleration(
    stores,
    reviewCaller(record.partnershipId),
    record.id,
    'risk.toleration.remind',
    undefined,
    (current) => {
      const sent = [...new Set([...current.record.remindersSent, ...due])].sort((a, b) => b - a);
      if (sent.length === current.record.remindersSent.length) return { answer: null };
      return { write: { ...current.record, remindersSent: sent }, answer: null };
    },
  );
  return nearest;
}

/** Asks every council again, as the expired round asked them; answers the new round's id. */
async function reRequest(
  stores: ReviewStores,
  rounds: readonly Versioned<RiskToleration>[],
  row: Versioned<RiskToleration>,
  now: Date,
): Promise<string | null> {
  const { record } = row;
  const risk = await stores.risks.get(record.partnershipId, record.riskId);
  if (!risk) return null;
  const lastRound = Math.max(...rounds.filter((r) => r.record.riskId === record.riskId).map((r) => r.record.round));
  const opened = await openRound(
    stores,
    reviewCaller(record.partnershipId),
    risk.record,
    {
      recommendedResponse: record.recommendedResponse,
      note: record.note,
      responses: record.responses,
      reviewDays: record.reviewDaysSource === 'request' ? record.reviewDays : null,
    },
    { round: lastRound + 1, reason: 'review', previousTolerationId: record.id, at: now },
  );
  return opened.row.record.id;
}

async function markExpired(stores: ReviewStores, record: RiskToleration, now: Date): Promise<void> {
  const { written } = await changeToleration(
    stores,
    reviewCaller(record.partnershipId),
    record.id,
    'risk.toleration.expire',
    undefined,
    (current) =>
      current.record.status === 'decided'
        ? { write: { ...current.record, status: 'expired', expiredAt: now.toISOString() }, answer: null }
        : { answer: null },
  );
  if (written) {
    const event = { kind: 'toleration-updated', reason: 'expired', key: 'expired' } as const;
    await queueNotice(stores, written.record, event, now);
  }
}
