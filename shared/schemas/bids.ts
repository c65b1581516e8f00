import { z } from 'zod';
import { financialYear, gbp, nonEmptyText, partnerCode, recordId, storedFields } from './common';

/** One council's share of a capital bid. */
export const bidShare = z.object({
  partnerCode,
  amount: gbp.nonnegative(),
  /** The plan marks shares "originally submitted as capital bids - moved to revenue". */
  movedToRevenue: z.boolean().default(false),
  note: z.string().optional(),
});
export type BidShare = z.infer<typeof bidShare>;

/** The states a plan prints a bid in; a plan never holds drafts. */
export const bidStatus = z.enum(['submitted', 'approved', 'rejected', 'moved-to-revenue']);

/** Where a bid stands: drafted, awaiting the share-holding councils, or settled. */
export const BID_STATES = ['draft', 'submitted', 'approved', 'rejected', 'moved-to-revenue'] as const;
export const bidState = z.enum(BID_STATES);
export type BidState = z.infer<typeof bidState>;

/** Shares must add up to the total, and name each council once. */
function checkShares(bid: { shares: readonly BidShare[]; total: number }, ctx: z.RefinementCtx): void {
  const sum = bid.shares.reduce((acc, share) => acc + share.amount, 0);
  if (sum !== bid.total) {
    ctx.addIssue({
      code: 'custom',
      path: ['total'],
      message: `total ${bid.total} differs from the sum of shares ${sum}`,
    });
  }
  const codes = bid.shares.map((s) => s.partnerCode);
  codes.forEach((code, index) => {
    if (codes.indexOf(code) !== index) {
      ctx.addIssue({ code: 'custom', path: ['shares', index, 'partnerCode'], message: `duplicate share for ${code}` });
    }
  });
}

const bidFields = {
  id: recordId,
  year: financialYear,
  title: nonEmptyText,
  shares: z.array(bidShare).min(1),
  total: gbp.nonnegative(),
  notes: z.array(z.string()).default([]),
};

/**
 * A capital bid split between the councils (Section 1C), amounts in whole pounds, as a plan document carries it
 * (`POST /api/plan/import`). Anything else a document says about a bid (decisions, rounds) is dropped.
 */
export const capitalBid = z.object({ ...bidFields, status: bidStatus.default('submitted') }).superRefine(checkShares);
export type CapitalBid = z.infer<typeof capitalBid>;

/** An instant in UTC (`2026-12-03T10:00:00.000Z`). */
const instant = z.iso.datetime();

/** Who acted on a bid: their council, name, and the tenant and directory object id they signed in with. */
export const bidActor = z.object({
  partnerCode,
  name: z.string().max(200),
  tenantId: z.string(),
  objectId: z.string(),
});
export type BidActor = z.infer<typeof bidActor>;

/** The outcome that closes a round of decisions. */
export const roundOutcome = z.enum(['approved', 'rejected', 'moved-to-revenue']);

/**
 * One submission of a bid to the councils, with the amounts they were asked to decide. A rejected bid re-scoped
 * and resubmitted starts the next round; earlier rounds stay as they were. A bid imported from a plan has one
 * round with no submitter: the plan is its source.
 */
export const bidRound = z.object({
  number: z.number().int().min(1),
  submittedAt: instant.nullable(),
  submittedBy: bidActor.nullable(),
  title: nonEmptyText,
  shares: z.array(bidShare),
  total: gbp.nonnegative(),
  comment: z.string().max(2000).nullable(),
  outcome: roundOutcome.nullable(),
  closedAt: instant.nullable(),
});
export type BidRound = z.infer<typeof bidRound>;

export const shareDecisionKind = z.enum(['approve', 'reject']);
export type ShareDecisionKind = z.infer<typeof shareDecisionKind>;

/** One council's decision on its share in one round, with the bid exactly as the approver saw it. */
export const shareDecision = z.object({
  round: z.number().int().min(1),
  partnerCode,
  decision: shareDecisionKind,
  comment: z.string().max(2000).nullable(),
  decidedAt: instant,
  decidedBy: bidActor,
  /** Where the approver decided: an Adaptive Card in Teams, or the tab and API. */
  channel: z.enum(['teams-card', 'api']),
  asDecided: z.object({
    title: z.string(),
    amount: gbp.nonnegative(),
    total: gbp.nonnegative(),
    shares: z.array(bidShare),
  }),
});
export type ShareDecision = z.infer<typeof shareDecision>;

/** A council's share taken out of capital and funded from revenue, by a finance approver. */
export const revenueMove = z.object({
  round: z.number().int().min(1),
  partnerCode,
  amount: gbp.nonnegative(),
  movedAt: instant,
  movedBy: bidActor,
  note: z.string().max(2000).nullable(),
});
export type RevenueMove = z.infer<typeof revenueMove>;

/**
 * A capital bid as stored and as the API returns it: its current amounts and state, and its history (rounds,
 * decisions, moves to revenue). A bid imported from a plan is stored as the plan carries it: the workflow fields
 * take their defaults when it is read (`readBid`), so an import never has to know about them.
 */
export const bid = z
  .object({
    ...bidFields,
    status: bidState,
    /** plan: loaded from a business plan; hub: drafted here. */
    origin: z.enum(['plan', 'hub']).default('plan'),
    draftedBy: bidActor.nullable().default(null),
    draftedAt: instant.nullable().default(null),
    updatedAt: instant.nullable().default(null),
    rounds: z.array(bidRound).default([]),
    decisions: z.array(shareDecision).default([]),
    revenueMoves: z.array(revenueMove).default([]),
    ...storedFields,
  })
  .superRefine(checkShares);
export type Bid = z.infer<typeof bid>;
/** A bid as a store may hold it: workflow fields are absent on a bid the plan import wrote. */
export type StoredBid = z.input<typeof bid>;
