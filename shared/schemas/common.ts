import { z } from 'zod';

/** Financial year of the April-March calendar councils use, written `2020-21`. */
export const financialYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'a financial year is written like 2020-21')
  .refine((year) => (Number(year.slice(0, 4)) + 1) % 100 === Number(year.slice(5)), {
    message: 'the second part of a financial year is the year after the first, as in 2020-21',
  });
export type FinancialYear = z.infer<typeof financialYear>;

/** Partner codes are scoped to their partnership: "CCC" is Cambridge City in 3C ICT and Cambridgeshire County elsewhere. */
export const partnerCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'a partner code is 2-10 capital letters or digits, such as HDC');
export type PartnerCode = z.infer<typeof partnerCode>;

/** Stable, URL-safe identifier for a stored record. */
export const recordId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an id holds letters, digits, dot, colon, underscore or hyphen');

export const partnershipId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a partnership id is lower-case letters, digits and hyphens');

/** Whole pounds sterling, as the business plan prints them (negative for a variance printed in brackets). */
export const gbp = z.number().int('amounts are whole pounds').finite();

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date();

export const nonEmptyText = z.string().trim().min(1);

/**
 * Fields every stored record carries beside its own: the partnership it belongs to (the partition key)
 * and its position in the source document, which lists keep.
 */
export const storedFields = { partnershipId, sequence: z.number().int().nonnegative() };
export type StoredFields = { partnershipId: string; sequence: number };
