import { pagedListHandler } from '../http/paged-list';
import { httpFunction } from '../registry';

export const listKpiDefinitionsFunction = httpFunction('listKpiDefinitions', {
  methods: ['GET'],
  route: 'kpis/definitions',
  handler: pagedListHandler((stores) => stores.kpiDefinitions),
});
