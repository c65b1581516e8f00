import { pagedListHandler } from '../http/paged-list';
import { httpFunction } from '../registry';

export const listApplicationsFunction = httpFunction('listApplications', {
  methods: ['GET'],
  route: 'applications',
  handler: pagedListHandler((stores) => stores.applications),
});
