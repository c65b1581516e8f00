import { z } from 'zod';
import { nonEmptyText, partnerCode, recordId } from './common';

/** One write, as the append-only audit trail keeps it: who, when, what, and the record's ETag before and after. */
export const auditEntry = z.object({
  id: recordId,
  at: z.iso.datetime(),
  actor: z.object({ tenantId: z.string(), objectId: z.string(), name: z.string(), partnerCode }),
  action: nonEmptyText,
  target: z.object({ kind: nonEmptyText, id: recordId }),
  /** Null when the write created the record. */
  etagBefore: z.string().nullable(),
  etagAfter: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
