import { checkStarter } from '../../shared/licences/check-starter';
import { starterCheckInput } from '../../shared/schemas/licences';
import { authenticatedHandler } from '../http/api-handler';
import { parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/**
 * Before buying a seat for a starter: does the same person hold one in another council already? Answers the seats
 * found and plain-English advice; 409 while no run has succeeded, as there is nothing to check against.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(starterCheckInput, await readJsonBody(request), 'body');
  return { body: await checkStarter(runtime.stores, runtime.licenceFiles, caller, input) };
});

export const checkLicenceStarterFunction = httpFunction('checkLicenceStarter', {
  methods: ['POST'],
  route: 'licences/starter-check',
  handler,
});
