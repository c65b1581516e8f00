import { type Caller, requireRole } from '../identity/caller';
import type { AuditEntry } from '../schemas/audit';
import type { Page, PageRequest, Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';

/** The partnership's audit trail, newest first, for its administrators only. */
export function listAudit(
  stores: Pick<Stores, 'audit'>,
  caller: Caller,
  page: PageRequest,
): Promise<Page<Stored<AuditEntry>>> {
  requireRole(caller, 'partnership-admin');
  return stores.audit.list(caller.partnershipId, { ...page, newestFirst: true });
}
