import { randomUUID } from 'node:crypto';
import type { Caller } from '../identity/caller';
import type { AuditEntry } from '../schemas/audit';
import type { RecordStore } from '../stores/record-store';

export type AuditedWrite = { kind: string; id: string; etagBefore: string | null; etagAfter: string };

/**
 * Appends one entry per write to the audit trail. Entries are only ever created, never replaced or deleted; the
 * sequence is the time in milliseconds, so the trail lists in the order things happened.
 */
export async function recordWrites(
  audit: Pick<RecordStore<AuditEntry>, 'create'>,
  caller: Caller,
  action: string,
  writes: readonly AuditedWrite[],
  now: () => Date = () => new Date(),
): Promise<void> {
  const at = now();
  for (const write of writes) {
    await audit.create({
      id: randomUUID(),
      partnershipId: caller.partnershipId,
      sequence: at.getTime(),
      at: at.toISOString(),
      actor: { tenantId: caller.tenantId, objectId: caller.userId, name: caller.name, partnerCode: caller.partnerCode },
      action,
      target: { kind: write.kind, id: write.id },
      etagBefore: write.etagBefore,
      etagAfter: write.etagAfter,
    });
  }
}
