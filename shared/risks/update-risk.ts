import { recordWrites } from '../audit/audit-trail';
import { DomainError } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { InfrastructureRisk, InfrastructureRiskChanges } from '../schemas/risks';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { getRisk } from './get-risk';

/**
 * Changes a risk's text or rating. The shared service keeps the registers, so this needs the partnership
 * administrator role; the write carries the ETag the caller read, and a stale one is refused.
 */
export async function updateRisk(
  stores: Pick<Stores, 'risks' | 'audit'>,
  caller: Caller,
  id: string,
  changes: InfrastructureRiskChanges,
  etag: string | undefined,
): Promise<Versioned<InfrastructureRisk>> {
  requireRole(caller, 'partnership-admin');
  if (!etag) {
    throw new DomainError('precondition-required', 'Send the ETag you read in an If-Match header.');
  }
  const current = await getRisk(stores, caller, id);
  const updated = await stores.risks.replace({ ...current.record, ...changes }, etag);
  await recordWrites(stores.audit, caller, 'risk.update', [
    { kind: 'risks', id, etagBefore: etag, etagAfter: updated.etag },
  ]);
  return updated;
}
