import { pagedListHandler } from '../http/paged-list';
import { httpFunction } from '../registry';

export const listCatalogueFunction = httpFunction('listCatalogue', {
  methods: ['GET'],
  route: 'catalogue',
  handler: pagedListHandler((stores) => stores.catalogue),
});
