import { z } from 'zod';
import { bidState, shareDecisionKind } from './bids';
import { financialYear, gbp, nonEmptyText, partnerCode, recordId } from './common';

/** One council's amount in a draft or a re-scoped bid; every council of the partnership is listed, zero allowed. */
export const shareAmount = z
  .object({
    partnerCode,
    amount: gbp.nonnegative('an amount is zero or more whole pounds'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ShareAmount = z.infer<typeof shareAmount>;

const title = nonEmptyText.max(200);
const shares = z.array(shareAmount).min(1, 'list every council of the partnership with its amount');
/** When sent, it must equal the sum of the shares; left out, it is that sum. */
const total = gbp.nonnegative().optional();
const notes = z.array(nonEmptyText.max(2000)).max(20);
const comment = z.string().trim().max(2000);

/** POST /bids: a new draft. Send your own `id` to make a retry safe: the same draft again answers as before. */
export const bidDraftCreate = z
  .object({ id: recordId.optional(), year: financialYear, title, shares, total, notes: notes.default([]) })
  .strict();
export type BidDraftCreate = z.infer<typeof bidDraftCreate>;

/** PATCH /bids/{id} with If-Match: any of these fields of a draft, at least one. */
export const bidDraftChanges = z
  .object({ year: financialYear, title, shares, total, notes })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'give at least one field to change' });
export type BidDraftChanges = z.infer<typeof bidDraftChanges>;

/**
 * POST /bids/{id}/decisions: the caller's council approves or rejects its share. `round` (from a card) makes a
 * decision on an earlier round a stale one; `partnerCode`, when sent, must be the caller's council.
 */
export const bidDecisionInput = z
  .object({
    decision: shareDecisionKind,
    comment: comment.optional(),
    round: z.number().int().min(1).optional(),
    partnerCode: partnerCode.optional(),
  })
  .strict()
  .refine((input) => input.decision !== 'reject' || (input.comment ?? '') !== '', {
    path: ['comment'],
    message: 'say why the share is rejected, so the bid can be re-scoped',
  });
export type BidDecisionInput = z.infer<typeof bidDecisionInput>;

/** POST /bids/{id}/revenue: one council's share (`partnerCode`) or the whole bid (`wholeBid: true`). */
export const revenueMoveInput = z
  .object({ partnerCode: partnerCode.optional(), wholeBid: z.literal(true).optional(), note: comment.optional() })
  .strict()
  .refine((input) => (input.partnerCode === undefined) !== (input.wholeBid === undefined), {
    message: "name one council's share with partnerCode, or send wholeBid: true",
  });
export type RevenueMoveInput = z.infer<typeof revenueMoveInput>;

/** POST /bids/{id}/resubmit with If-Match: a rejected bid re-scoped, for a new round of decisions. */
export const bidResubmitInput = z
  .object({ shares, total, title: title.optional(), notes: notes.optional(), comment: comment.optional() })
  .strict();
export type BidResubmitInput = z.infer<typeof bidResubmitInput>;

/** GET /bids: a year's bids (every year without one), by state, or awaiting a council (`mine`: the caller's). */
export const bidListQuery = z
  .object({
    year: financialYear.optional(),
    state: bidState.optional(),
    awaiting: z.union([z.literal('mine'), partnerCode]).optional(),
  })
  .strict();
export type BidListQuery = z.infer<typeof bidListQuery>;
