import { z } from 'zod';
import { withdrawExclusion } from '../../shared/licences/exclusions';
import { recordId } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ id: recordId });

/** Withdraws an exclusion so the seat is reported again; the record stays, marked withdrawn. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { id } = parseWith(params, request.params, 'params');
  const withdrawn = await withdrawExclusion(runtime.stores, caller, id);
  return { body: withdrawn.record, etag: withdrawn.etag };
});

export const withdrawExclusionFunction = httpFunction('withdrawLicenceExclusion', {
  methods: ['POST'],
  route: 'licences/exclusions/{id}/withdraw',
  handler,
});
