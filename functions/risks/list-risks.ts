import { pagedListHandler } from '../http/paged-list';
import { httpFunction } from '../registry';

export const listRisksFunction = httpFunction('listRisks', {
  methods: ['GET'],
  route: 'risks',
  handler: pagedListHandler((stores) => stores.risks),
});
