import { DomainError } from '../errors';
import type { PostedCardCopy, PostedCardKind, PostedCards } from '../schemas/posted-cards';
import type { Stores } from '../stores/stores';

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

/**
 * Keeps the copies just posted, beside those already kept (a recipient's newer copy replaces their older one), and,
 * when given, the version of the record every copy now shows. Created on the first write, then replaced under its
 * ETag: two senders writing at once both land.
 */
export async function keepPostedCopies(
  stores: Pick<Stores, 'postedCards'>,
  partnershipId: string,
  kind: PostedCardKind,
  recordId: string,
  copies: readonly PostedCardCopy[],
  deliveredVersion?: string,
): Promise<void> {
  if (copies.length === 0 && deliveredVersion === undefined) return;
  const id = postedCardsId(kind, recordId);
  const merge = (kept: PostedCards) => ({
    ...kept,
    copies: [...kept.copies.filter((old) => !copies.some((copy) => copy.userObjectId === old.userObjectId)), ...copies],
    ...(deliveredVersion === undefined ? {} : { deliveredVersion }),
  });
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
