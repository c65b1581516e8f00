import { getCurrentStatus } from '../../shared/status/current-status';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The status now of each service area and council, with what is under way and planned work coming; any staff. */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: await getCurrentStatus(runtime.stores, caller),
}));

export const getStatusFunction = httpFunction('getStatus', { methods: ['GET'], route: 'status', handler });
