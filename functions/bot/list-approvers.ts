import { listApprovers } from '../../shared/bot/approvers-admin';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** Who acts on cards for each council, with the ETag of each list; partnership administrators. */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: { items: await listApprovers(runtime.stores, caller) },
}));

export const listApproversFunction = httpFunction('listApprovers', { methods: ['GET'], route: 'approvers', handler });
