import { listAudit } from '../../shared/audit/list-audit';
import { authenticatedHandler } from '../http/api-handler';
import { parsePageRequest } from '../http/input';
import { httpFunction } from '../registry';

/** The append-only audit trail of the caller's partnership, newest first; partnership administrators only. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await listAudit(runtime.stores, caller, parsePageRequest(request)),
}));

export const listAuditFunction = httpFunction('listAudit', { methods: ['GET'], route: 'audit', handler });
