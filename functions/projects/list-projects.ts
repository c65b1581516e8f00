import { pagedListHandler } from '../http/paged-list';
import { httpFunction } from '../registry';

export const listProjectsFunction = httpFunction('listProjects', {
  methods: ['GET'],
  route: 'projects',
  handler: pagedListHandler((stores) => stores.projects),
});
