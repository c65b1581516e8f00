import { z } from 'zod';
import { replaceCouncilApprovers } from '../../shared/bot/approvers-admin';
import { councilApproversInput } from '../../shared/schemas/approvers';
import { partnerCode } from '../../shared/schemas/common';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

const params = z.object({ partnerCode });

/** Replaces one council's approvers (partnership administrators); If-Match once the list exists. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const { partnerCode: code } = parseWith(params, request.params, 'params');
  const input = parseWith(councilApproversInput, await readJsonBody(request), 'body');
  const written = await replaceCouncilApprovers(runtime.stores, caller, code, input, ifMatch(request));
  return {
    status: written.created ? 201 : 200,
    body: { partnerCode: code, approvers: written.record.approvers },
    etag: written.etag,
  };
});

export const replaceApproversFunction = httpFunction('replaceApprovers', {
  methods: ['PUT'],
  route: 'approvers/{partnerCode}',
  handler,
});
