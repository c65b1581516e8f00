import { draftBid } from '../../../shared/bids/draft-bid';
import { submitBid } from '../../../shared/bids/submit-bid';
import type { Caller, Role } from '../../../shared/identity/caller';
import { type BidDraftCreate, bidDraftCreate } from '../../../shared/schemas/bid-requests';
import type { Bid } from '../../../shared/schemas/bids';
import type { Versioned } from '../../../shared/stores/record-store';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

/** The clock of the bid tests: Thursday 3 December 2026, 10:00 UTC. */
export const NOW = new Date('2026-12-03T10:00:00.000Z');
export const clock = () => NOW;

/** A caller of partnership p3 with a name and object id of their own, so two approvers of one council differ. */
export function person(partnerCode: string, roles: Role[], alias: string): Caller {
  return { ...callerOf(partnerCode, roles), userId: `oid-${alias}`, name: alias };
}

export const admin = person('HDC', ['staff', 'partnership-admin'], 'Sam Smith');
export const staff = person('HDC', ['staff'], 'Jo Baker');
export const approver = {
  CCC: person('CCC', ['staff', 'bid-approver'], 'Fiona Bryant'),
  HDC: person('HDC', ['staff', 'bid-approver'], 'Oliver Morley'),
  SCDC: person('SCDC', ['staff', 'bid-approver'], 'Mike Hill'),
};
export const secondScdcApprover = person('SCDC', ['staff', 'bid-approver'], 'Second SCDC approver');
export const financeOf = (code: string) => person(code, ['staff', 'finance-approver'], `Finance of ${code}`);
export const financeAdmin = person('HDC', ['staff', 'partnership-admin', 'finance-approver'], 'Sagar Roy');
export const outsider = callerOf('PCC', ['staff', 'bid-approver', 'partnership-admin', 'finance-approver'], 'other');

export const bidStores = storesWithPartnership;

/** A draft request through the API schema; amounts as `{ council: pounds }`. */
export function draftInput(amounts: Record<string, number>, overrides: Partial<BidDraftCreate> = {}): BidDraftCreate {
  return bidDraftCreate.parse({
    year: '2021-22',
    title: 'WIFI Access Point replacement',
    shares: Object.entries(amounts).map(([partnerCode, amount]) => ({ partnerCode, amount })),
    ...overrides,
  });
}

/** The WIFI bid of the plan: no share for Cambridge City. */
export const WIFI = { SCDC: 6_768, CCC: 0, HDC: 11_700 };

/** A bid drafted and submitted by the partnership administrator. */
export async function submittedBid(stores: Stores, amounts: Record<string, number> = WIFI): Promise<Versioned<Bid>> {
  const draft = await draftBid(stores, admin, draftInput(amounts), clock);
  return (await submitBid(stores, admin, { id: draft.bid.record.id }, clock)).bid;
}

export const auditActions = async (stores: Stores) =>
  (await stores.audit.listAll('p3')).map((entry) => entry.record.action);

export const storedBid = async (stores: Stores, id: string) => stores.bids.get('p3', id);
