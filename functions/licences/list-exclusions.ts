import { listExclusions } from '../../shared/licences/exclusions';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** Exclusions the caller may see, newest first, each with `status` (active, expired, withdrawn): `{ items }`. */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: { items: await listExclusions(runtime.stores, caller) },
}));

export const listExclusionsFunction = httpFunction('listLicenceExclusions', {
  methods: ['GET'],
  route: 'licences/exclusions',
  handler,
});
