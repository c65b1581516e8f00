import { addExclusion } from '../../shared/licences/exclusions';
import { exclusionInput } from '../../shared/schemas/licences';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/** Adds an exclusion (201); sending the same one again answers the existing one (200) instead of a duplicate. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(exclusionInput, await readJsonBody(request), 'body');
  const added = await addExclusion(runtime.stores, caller, input);
  return { status: added.created ? 201 : 200, body: added.record, etag: added.etag };
});

export const addExclusionFunction = httpFunction('addLicenceExclusion', {
  methods: ['POST'],
  route: 'licences/exclusions',
  handler,
});
