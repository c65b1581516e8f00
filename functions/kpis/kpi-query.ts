import { z } from 'zod';
import { financialYear, partnerCode } from '../../shared/schemas/common';

/** `?year=2019-20&quarter=2`: a quarter of the April-March year. */
export const quarterQuery = z
  .object({
    year: financialYear,
    quarter: z.coerce.number().int().min(1, 'a quarter is 1 to 4').max(4, 'a quarter is 1 to 4'),
  })
  .strict();

/** The dashboard's query: a quarter and, optionally, one council. */
export const dashboardQuery = quarterQuery.extend({ council: partnerCode.optional() }).strict();
