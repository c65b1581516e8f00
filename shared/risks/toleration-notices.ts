import { createHash } from 'node:crypto';
import { DELIVERY_LEASE_MS, MAX_DELIVERY_ATTEMPTS, retryAfter } from '../bot/delivery-retry';
import { DomainError } from '../errors';
import type { RiskToleration, TolerationNotice } from '../schemas/risk-tolerations';
import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

export type NoticeEvent = {
  kind: TolerationNotice['kind'];
  reason: TolerationNotice['reason'];
  /** What makes this event itself: a second notice with the same key is the same event, and is not queued. */
  key: string;
  daysBeforeExpiry?: number;
};

/**
 * Queues a notice for the bot about a round. Its id is derived from the round and the event, so a retry, a second
 * timer or a replayed request never queues it twice. Answers whether it was queued now.
 */
export async function queueNotice(
  stores: Pick<Stores, 'riskNotices'>,
  toleration: Pick<Stored<RiskToleration>, 'id' | 'partnershipId' | 'riskId' | 'partnerCodes'>,
  event: NoticeEvent,
  now: Date,
): Promise<boolean> {
  const notice: Stored<TolerationNotice> = {
    id: noticeId(toleration.id, event.key),
    partnershipId: toleration.partnershipId,
    sequence: now.getTime(),
    kind: event.kind,
    reason: event.reason,
    tolerationId: toleration.id,
    riskId: toleration.riskId,
    partnerCodes: [...toleration.partnerCodes],
    daysBeforeExpiry: event.daysBeforeExpiry ?? null,
    createdAt: now.toISOString(),
    deliveredAt: null,
    claimedUntil: null,
  };
  try {
    await stores.riskNotices.create(notice);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict') return false;
    throw error;
  }
}

export function noticeId(tolerationId: string, key: string): string {
  return `ntc-${createHash('sha256').update(`${tolerationId}\n${key}`).digest('hex').slice(0, 40)}`;
}

/**
 * How long a sender holds a notice it claimed. A sender that crashes mid-delivery holds it no longer than this: the
 * next delivery (the next event, or the outbox timer every few minutes) takes it over, so a notice is delivered at
 * least once.
 */
export const NOTICE_LEASE_MS = DELIVERY_LEASE_MS;

/**
 * The notices of a partnership the bot has not delivered yet, that no sender holds, not waiting out a back-off and
 * not given up on, oldest first: what a sender claims next.
 */
export async function undeliveredNotices(
  stores: Pick<Stores, 'riskNotices'>,
  partnershipId: string,
  now: Date,
): Promise<Versioned<TolerationNotice>[]> {
  return (await stores.riskNotices.listAll(partnershipId))
    .filter(
      ({ record }) =>
        record.deliveredAt === null && !heldAt(record, now) && (record.attempts ?? 0) < MAX_DELIVERY_ATTEMPTS,
    )
    .sort((a, b) => a.record.sequence - b.record.sequence);
}

const heldAt = (notice: TolerationNotice, now: Date) =>
  Boolean(notice.claimedUntil) && Date.parse(notice.claimedUntil as string) > now.getTime();

/**
 * Claims a notice for `NOTICE_LEASE_MS` and counts the attempt, under the ETag the sender read: of two senders only
 * one gets it; the other gets null and leaves it alone.
 */
export async function claimNotice(
  stores: Pick<Stores, 'riskNotices'>,
  notice: Versioned<TolerationNotice>,
  now: Date,
): Promise<Versioned<TolerationNotice> | null> {
  const claimedUntil = new Date(now.getTime() + NOTICE_LEASE_MS).toISOString();
  const attempts = (notice.record.attempts ?? 0) + 1;
  return ifStillOurs(() => stores.riskNotices.replace({ ...notice.record, claimedUntil, attempts }, notice.etag));
}

/**
 * Marks a claimed notice delivered. If the lease ran out and another sender took the notice over, that sender
 * finishes it: this one has delivered it too, which the at-least-once outbox allows.
 */
export async function markNoticeDelivered(
  stores: Pick<Stores, 'riskNotices'>,
  claimed: Versioned<TolerationNotice>,
  now: Date,
): Promise<void> {
  await ifStillOurs(() =>
    stores.riskNotices.replace({ ...claimed.record, deliveredAt: now.toISOString(), claimedUntil: null }, claimed.etag),
  );
}

/** Gives a claimed notice back after a failed delivery, for a sender to try again once its back-off is over. */
export async function releaseNotice(
  stores: Pick<Stores, 'riskNotices'>,
  claimed: Versioned<TolerationNotice>,
  now: Date,
): Promise<void> {
  const claimedUntil = retryAfter(claimed.record.attempts ?? 1, now);
  await ifStillOurs(() => stores.riskNotices.replace({ ...claimed.record, claimedUntil }, claimed.etag));
}

/** The write, or null when another sender changed the notice first (or it is gone). */
async function ifStillOurs<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DomainError && ['precondition-failed', 'not-found'].includes(error.kind)) return null;
    throw error;
  }
}
