import { z } from 'zod';
import { nonEmptyText, partnerCode, recordId } from './common';

/** An application in the strategic application risk matrix (Appendix B). */
export const application = z.object({
  id: recordId,
  partnerCodes: z.array(partnerCode).min(1),
  /** The council column as printed ("City", "All 3"). */
  councilLabel: nonEmptyText,
  serviceArea: nonEmptyText,
  name: nonEmptyText,
  supplier: nonEmptyText,
  /**
   * The matrix colours each row in support, deprecated or out of support; the text copy of the plan lost
   * the colours, so the status stays null until someone records it.
   */
  supportStatus: z.enum(['in-support', 'deprecated', 'out-of-support']).nullable(),
  /** The Dec-19 column as printed. */
  statusNote: z.string().nullable(),
});
export type Application = z.infer<typeof application>;
