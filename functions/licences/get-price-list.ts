import { getPriceList } from '../../shared/licences/price-list-admin';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The partnership's licence price list, with the ETag to send back when replacing it. */
const handler = authenticatedHandler(async ({ runtime, caller }) => {
  const prices = await getPriceList(runtime.stores, caller);
  return { body: prices.record.priceList, etag: prices.etag };
});

export const getPriceListFunction = httpFunction('getLicencePriceList', {
  methods: ['GET'],
  route: 'licences/prices',
  handler,
});
