import { z } from 'zod';
import { updateRisk } from '../../shared/risks/update-risk';
import { recordId } from '../../shared/schemas/common';
import { infrastructureRiskChanges } from '../../shared/schemas/risks';
import { deliverRiskNotices } from '../bot/approval-notices';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** Edits a risk's text or rating; needs If-Match with the ETag read, and refuses a stale one with 412. */
const handler = authenticatedHandler(async ({ request, runtime, caller, context }) => {
  const { id } = parseWith(params, request.params, 'params');
  const changes = parseWith(infrastructureRiskChanges, await readJsonBody(request), 'body');
  const risk = await updateRisk(runtime.stores, caller, id, changes, ifMatch(request));
  await deliverRiskNotices(runtime, caller.partnershipId, (line) => context.warn(line));
  return { body: risk.record, etag: risk.etag };
});

export const updateRiskFunction = httpFunction('updateRisk', { methods: ['PATCH'], route: 'risks/{id}', handler });
