import { z } from 'zod';
import { updateDraft } from '../../shared/bids/update-draft';
import { bidDraftChanges } from '../../shared/schemas/bid-requests';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';
import { bidAnswer } from './bid-answer';

const params = z.object({ id: recordId });

/** Changes a draft (partnership admin); needs If-Match with the ETag read: 428 without, 412 when stale. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const changes = parseWith(bidDraftChanges, await readJsonBody(request), 'body');
  return bidAnswer(await updateDraft(runtime.stores, caller, { id, changes, etag: ifMatch(request) }));
});

export const updateBidFunction = httpFunction('updateBid', { methods: ['PATCH'], route: 'bids/{id}', handler });
