import { decideMatch } from '../../shared/licences/match-decisions';
import { matchDecisionInput } from '../../shared/schemas/licences';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/** Confirms or rejects a match of two accounts; deciding the same pair again replaces the earlier answer. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(matchDecisionInput, await readJsonBody(request), 'body');
  const decision = await decideMatch(runtime.stores, caller, input);
  return { body: decision.record, etag: decision.etag };
});

export const recordMatchDecisionFunction = httpFunction('recordLicenceMatchDecision', {
  methods: ['POST'],
  route: 'licences/match-decisions',
  handler,
});
