import { z } from 'zod';
import { isoDate, nonEmptyText, recordId } from './common';

/** An in-flight or closed project of the pipeline. */
export const project = z.object({
  id: recordId,
  /** Project number such as P0026, where the source gives one. */
  number: z.string().nullable(),
  name: nonEmptyText,
  deliveryDate: isoDate.nullable(),
  /** The delivery date cell as printed ("28 th Feb 2020", "Closed"). */
  deliveryDateText: z.string(),
  status: z.enum(['planned', 'in-progress', 'closed']),
  comments: z.string(),
});
export type Project = z.infer<typeof project>;
