import { findPartnership } from '../../shared/partnerships/find-partnership';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The caller's partnership, its councils, and who the caller is: what the tab needs first. */
const handler = authenticatedHandler(async ({ runtime, caller }) => ({
  body: { partnership: await findPartnership(runtime.stores, caller.partnershipId), caller },
}));

export const getMeFunction = httpFunction('getMe', { methods: ['GET'], route: 'me', handler });
