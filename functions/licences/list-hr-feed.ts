import { listHrFeed } from '../../shared/licences/import-hr-feed';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The HR starters-and-leavers rows the caller may see, by council and employee number: `{ items }`. */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: { items: await listHrFeed(runtime.stores, caller) },
}));

export const listHrFeedFunction = httpFunction('listHrFeed', {
  methods: ['GET'],
  route: 'licences/hr-feed',
  handler,
});
