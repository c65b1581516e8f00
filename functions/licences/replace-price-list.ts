import { replacePriceList } from '../../shared/licences/price-list-admin';
import { licencePriceList } from '../../shared/schemas/licences';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/**
 * Replaces the price list with the body; needs If-Match with the ETag read (428 without, 412 when stale), except
 * for the first list of a partnership (201).
 */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const priceList = parseWith(licencePriceList, await readJsonBody(request), 'body');
  const written = await replacePriceList(runtime.stores, caller, priceList, ifMatch(request));
  return { status: written.created ? 201 : 200, body: written.record.priceList, etag: written.etag };
});

export const replacePriceListFunction = httpFunction('replaceLicencePriceList', {
  methods: ['PUT'],
  route: 'licences/prices',
  handler,
});
