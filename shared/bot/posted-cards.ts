import { DomainError } from '../errors';
import type { PostedCardCopy, PostedCardKind, PostedCards } from '../schemas/posted-cards';
import type { Stores } from '../stores/stores';
import { retryAfter } from './delivery-retry';

const MAX_ATTEMPTS = 10;

export const postedCardsId = (kind: PostedCardKind, recordId: string) => `${kind}:${recordId}`;

/** The copies of a record's card the bot has posted, one per recipient at most. */
export async function postedCopies(
  stores: Pick<Stores, 'postedCards'>,
  partnershipId: string,
  kind: PostedCardKind,
  recordId: string,
): Promise<PostedCardCopy[]> {
  return (await stores.postedCards.get(partnershipId, postedCardsId(kind, recordId)))?.record.copies ?? [];
}

/** How a delivery of one version of the record went, for the outbox: every copy up to date, or some failed. */
export type DeliveryOutcome = { delivered: string } | { failed: string; now: Date };

/**
 * Keeps the copies just posted, beside those already kept (a recipient's newer copy replaces their older one), and,
 * when given, how delivering a version of the record went: delivered (every copy shows it), or failed once more
 * (with the back-off before the outbox tries again). Created on the first write, then replaced under its ETag: two
 * senders writing at once both land.
 */
export async function keepPostedCopies(
  stores: Pick<Stores, 'postedCards'>,
  partnershipId: string,
  kind: PostedCardKind,
  recordId: string,
  copies: readonly PostedCardCopy[],
  outcome?: DeliveryOutcome,
): Promise<void> {
  if (copies.length === 0 && outcome === undefined) return;
  const id = postedCardsId(kind, recordId);
  const merge = (kept: PostedCards): PostedCards => {
    const merged = {
      ...kept,
      copies: [
        ...kept.copies.filter((old) => !copies.some((copy) => copy.userObjectId === old.userObjectId)),
        ...copies,
      ],
    };
    if (outcome && 'delivered' in outcome) {
      const { retry: _settled, ...rest } = merged;
      return { ...rest, deliveredVersion: outcome.delivered };
    }
    if (outcome) {
      const attempts = (kept.retry?.version === outcome.failed ? kept.retry.attempts : 0) + 1;
      return { ...merged, retry: { version: outcome.failed, attempts, after: retryAfter(attempts, outcome.now) } };
    }
    return merged;
  };
  for (let attempt = 1; ; attempt++) {
    const found = await stores.postedCards.get(partnershipId, id);
    try {
      if (!found) {
        await stores.postedCards.create(merge({ id, partnershipId, sequence: 0, kind, recordId, copies: [] }));
      } else {
        await stores.postedCards.replace(merge(found.record), found.etag);
      }
      return;
    } catch (error) {
      const raced = error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'precondition-failed');
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
