import { listMatchDecisions } from '../../shared/licences/match-decisions';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** Decisions on candidate matches the caller may see, newest first: `{ items }`. */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: { items: await listMatchDecisions(runtime.stores, caller) },
}));

export const listMatchDecisionsFunction = httpFunction('listLicenceMatchDecisions', {
  methods: ['GET'],
  route: 'licences/match-decisions',
  handler,
});
