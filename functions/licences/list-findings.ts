import { z } from 'zod';
import { FINDING_TYPES } from '../../shared/licences/find-waste';
import { listFindings } from '../../shared/licences/list-findings';
import { partnerCode } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { parseQuery } from '../http/input';
import { httpFunction } from '../registry';

const query = z.object({ partnerCode: partnerCode.optional(), type: z.enum(FINDING_TYPES).optional() }).strict();

/** The current findings, `{ run, findings }`: licence administrators see those involving their own council. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => ({
  body: await listFindings(runtime.stores, caller, parseQuery(request, query)),
}));

export const listLicenceFindingsFunction = httpFunction('listLicenceFindings', {
  methods: ['GET'],
  route: 'licences/findings',
  handler,
});
