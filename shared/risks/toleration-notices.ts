import { createHash } from 'node:crypto';
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

/** The notices of a partnership the bot has not delivered yet, oldest first: what a dispatcher sends next. */
export async function undeliveredNotices(
  stores: Pick<Stores, 'riskNotices'>,
  partnershipId: string,
): Promise<Versioned<TolerationNotice>[]> {
  return (await stores.riskNotices.listAll(partnershipId)).filter((row) => row.record.deliveredAt === null);
}

/**
 * Marks a notice delivered. Written with the ETag the dispatcher read, so of two dispatchers working the same notice
 * only one succeeds; the other gets 412 and leaves it alone.
 */
export async function markNoticeDelivered(
  stores: Pick<Stores, 'riskNotices'>,
  notice: Versioned<TolerationNotice>,
  now: Date = new Date(),
): Promise<Versioned<TolerationNotice>> {
  return stores.riskNotices.replace({ ...notice.record, deliveredAt: now.toISOString() }, notice.etag);
}
