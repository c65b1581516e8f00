import { z } from 'zod';
import { nonEmptyText, recordId } from './common';

/** The four areas the plan reports service availability over (KPI-2). */
export const serviceArea = z.enum([
  'Network/Telephony',
  'Email',
  'Internet/web site services',
  'Centralised server infrastructure',
]);
export type ServiceArea = z.infer<typeof serviceArea>;

/** A live service of the shared service (Appendix C). */
export const catalogueService = z.object({
  id: recordId,
  order: z.number().int().positive(),
  name: nonEmptyText,
  /** The availability area the service counts under, where it falls in one. */
  statusArea: serviceArea.nullable(),
});
export type CatalogueService = z.infer<typeof catalogueService>;
