import { notFound } from '../errors';
import type { Caller } from '../identity/caller';
import { type Bid, type BidActor, type BidRound, bid, type StoredBid } from '../schemas/bids';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

/**
 * A stored bid in its full shape. A bid the plan import wrote has no workflow fields: they take their defaults,
 * and a bid the plan prints as submitted (or settled) gets the plan's round 1, with no submitter and no date, so
 * every bid past draft has the round its councils decide in.
 */
export function readBid(stored: StoredBid): Bid {
  const parsed = bid.parse(stored);
  if (parsed.status === 'draft' || parsed.rounds.length > 0) return parsed;
  return { ...parsed, rounds: [planRound(parsed)] };
}

function planRound(record: Bid): BidRound {
  return {
    number: 1,
    submittedAt: null,
    submittedBy: null,
    title: record.title,
    shares: record.shares,
    total: record.total,
    comment: null,
    outcome: record.status === 'submitted' || record.status === 'draft' ? null : record.status,
    closedAt: null,
  };
}

/** One bid of the caller's partnership; another partnership's bids are not found. */
export async function loadBid(stores: Pick<Stores, 'bids'>, caller: Caller, id: string): Promise<Versioned<Bid>> {
  const found = await stores.bids.get(caller.partnershipId, id);
  if (!found) throw notFound(`There is no capital bid ${id}.`);
  return { record: readBid(found.record), etag: found.etag };
}

/** A bid checked against the stored shape before it is written. */
export function toStoredBid(record: Bid): Bid {
  return bid.parse(record);
}

export function actorOf(caller: Caller): BidActor {
  return { partnerCode: caller.partnerCode, name: caller.name, tenantId: caller.tenantId, objectId: caller.userId };
}

/** The same person: directory object id within the same tenant. */
export function sameActor(actor: BidActor | null, caller: Caller): boolean {
  return actor !== null && actor.objectId === caller.userId && actor.tenantId === caller.tenantId;
}
