import { z } from 'zod';
import { financialYear, gbp, nonEmptyText, partnerCode, recordId } from './common';

/** One council's share of a capital bid. */
export const bidShare = z.object({
  partnerCode,
  amount: gbp.nonnegative(),
  /** The plan marks shares "originally submitted as capital bids - moved to revenue". */
  movedToRevenue: z.boolean().default(false),
  note: z.string().optional(),
});

export const bidStatus = z.enum(['submitted', 'approved', 'rejected', 'moved-to-revenue']);

/** A capital bid split between the councils (Section 1C), amounts in whole pounds. */
export const capitalBid = z
  .object({
    id: recordId,
    year: financialYear,
    title: nonEmptyText,
    shares: z.array(bidShare).min(1),
    total: gbp.nonnegative(),
    status: bidStatus.default('submitted'),
    notes: z.array(z.string()).default([]),
  })
  .superRefine((bid, ctx) => {
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
        ctx.addIssue({
          code: 'custom',
          path: ['shares', index, 'partnerCode'],
          message: `duplicate share for ${code}`,
        });
      }
    });
  });
export type CapitalBid = z.infer<typeof capitalBid>;
