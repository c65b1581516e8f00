import { z } from 'zod';
import { nonEmptyText } from './common';

/** A licence product and its list price per user per month, in pence; `family`/`rank` say which includes which. */
export const skuPrice = z.object({
  skuId: z.uuid(),
  skuPartNumber: z.string().regex(/^[A-Z0-9_]+$/, 'a SKU part number such as SPE_E3'),
  name: nonEmptyText,
  monthlyPence: z.number().int().nonnegative(),
  paid: z.boolean(),
  family: z.string().optional(),
  rank: z.number().int().positive().optional(),
});

/** A partnership's licence price list, which administrators edit: costs of findings come from it. */
export const licencePriceList = z
  .object({
    currency: z.literal('GBP'),
    /** Where the prices come from and when, so a report can say what its costs rest on. */
    source: nonEmptyText,
    skus: z.array(skuPrice).min(1),
  })
  .superRefine((list, ctx) => {
    const ids = list.skus.map((sku) => sku.skuId.toLowerCase());
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['skus', index, 'skuId'], message: 'listed twice' });
    });
    list.skus.forEach((sku, index) => {
      if ((sku.family === undefined) !== (sku.rank === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['skus', index], message: 'family and rank go together' });
      }
    });
  });
export type LicencePriceList = z.infer<typeof licencePriceList>;
