import { forbidden } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { Bid } from '../schemas/bids';
import { sameActor } from './bid-record';

/**
 * Bids are drafted and submitted by the shared service for the councils (the plan's bids were "submitted by
 * 3C ICT"), so by its managers: the partnership administrators.
 */
export function requireBidDrafter(caller: Caller): void {
  requireRole(caller, 'partnership-admin');
}

/** A rejected bid is re-scoped by whoever submitted the round it lost, or by a partnership administrator. */
export function requireResubmitter(caller: Caller, bid: Bid): void {
  if (caller.roles.includes('partnership-admin')) return;
  if (sameActor(bid.rounds.at(-1)?.submittedBy ?? null, caller)) return;
  throw forbidden("Only the bid's submitter or a partnership-admin can re-scope and resubmit it.");
}

/**
 * A council's finance approver moves its own council's share to revenue. Moving another council's share, or the
 * whole bid, decides for other councils: it needs a finance approver who is also a partnership administrator,
 * the shared service recording the councils' decisions as the plan's footnotes do.
 */
export function requireRevenueMover(caller: Caller, target: { partnerCode?: string; wholeBid?: true }): void {
  requireRole(caller, 'finance-approver');
  if (caller.roles.includes('partnership-admin')) return;
  if (target.wholeBid) {
    throw forbidden(
      `Moving a whole bid moves every council's share: it needs the partnership-admin role as well. Name ${caller.partnerCode}'s share with partnerCode.`,
    );
  }
  if (target.partnerCode !== caller.partnerCode) {
    throw forbidden(`A finance approver of ${caller.partnerCode} moves ${caller.partnerCode}'s share only.`);
  }
}
