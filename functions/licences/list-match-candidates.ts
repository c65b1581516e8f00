import { listMatchCandidates } from '../../shared/licences/list-match-candidates';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/**
 * The candidate matches of the last good run that nobody has decided yet, `{ run, items }`, for a licence
 * administrator to confirm or reject through `licences/match-decisions`; each sees those involving their council.
 */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: await listMatchCandidates(runtime.stores, caller),
}));

export const listMatchCandidatesFunction = httpFunction('listLicenceMatchCandidates', {
  methods: ['GET'],
  route: 'licences/match-candidates',
  handler,
});
