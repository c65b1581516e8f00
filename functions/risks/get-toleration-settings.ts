import { getTolerationSettings } from '../../shared/risks/toleration-settings';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The review period of a toleration by risk level (the defaults until set), with an ETag once set; any member. */
const handler = authenticatedHandler(async ({ runtime, caller }) => {
  const settings = await getTolerationSettings(runtime.stores, caller.partnershipId);
  return {
    body: { reviewDays: settings.reviewDays, isDefault: settings.etag === null },
    etag: settings.etag ?? undefined,
  };
});

export const getTolerationSettingsFunction = httpFunction('getTolerationSettings', {
  methods: ['GET'],
  route: 'toleration-settings',
  handler,
});
