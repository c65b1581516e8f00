import { randomUUID } from 'node:crypto';
import { recordWrites } from '../audit/audit-trail';
import { DomainError } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import { stableJson } from '../plan/stable-json';
import type { BidDraftCreate } from '../schemas/bid-requests';
import type { Bid } from '../schemas/bids';
import type { Stores } from '../stores/stores';
import { requireBidDrafter } from './bid-access';
import { actorOf, readBid, sameActor, toStoredBid } from './bid-record';
import type { BidWrite } from './change-bid';
import { sharesFor } from './share-amounts';

/**
 * Drafts a capital bid with every council's amount (zero allowed), for the partnership administrators to edit and
 * submit. A draft asks no council anything. Sent with its own `id`, a retry of the same draft by the same person
 * answers the draft already made instead of making a second one; a different bid under that id is a conflict.
 */
export async function draftBid(
  stores: Pick<Stores, 'partnerships' | 'bids' | 'audit'>,
  caller: Caller,
  input: BidDraftCreate,
  now: () => Date = () => new Date(),
): Promise<BidWrite> {
  requireBidDrafter(caller);
  const partnership = await findPartnership(stores, caller.partnershipId);
  const { shares, total } = sharesFor(input.shares, input.total, partnership);
  const at = now();
  const draft: Bid = toStoredBid({
    id: input.id ?? `bid-${randomUUID()}`,
    year: input.year,
    title: input.title,
    shares,
    total,
    notes: input.notes,
    status: 'draft',
    origin: 'hub',
    draftedBy: actorOf(caller),
    draftedAt: at.toISOString(),
    updatedAt: at.toISOString(),
    rounds: [],
    decisions: [],
    revenueMoves: [],
    partnershipId: caller.partnershipId,
    sequence: at.getTime(),
  });
  try {
    const created = await stores.bids.create(draft);
    await recordWrites(
      stores.audit,
      caller,
      'bid.draft',
      [{ kind: 'bids', id: draft.id, etagBefore: null, etagAfter: created.etag }],
      now,
    );
    return { bid: { record: readBid(created.record), etag: created.etag }, recorded: true };
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
    return sameDraftAgain(stores, caller, draft, error);
  }
}

/** The draft already made by this very request (a retry or a double click), or the conflict as it was. */
async function sameDraftAgain(
  stores: Pick<Stores, 'bids'>,
  caller: Caller,
  draft: Bid,
  conflict: DomainError,
): Promise<BidWrite> {
  const existing = await stores.bids.get(caller.partnershipId, draft.id);
  if (!existing) throw conflict;
  const record = readBid(existing.record);
  const content = (bid: Bid) => stableJson([bid.year, bid.title, bid.shares, bid.total, bid.notes]);
  if (record.status !== 'draft' || !sameActor(record.draftedBy, caller) || content(record) !== content(draft)) {
    throw new DomainError('conflict', `A different bid already has the id ${draft.id}.`);
  }
  return { bid: { record, etag: existing.etag }, recorded: false };
}
