import { getReconcilerSettings } from '../../shared/licences/reconciler-settings-admin';
import { authenticatedHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** The reconciler's tenants and thresholds, with their ETag; they name credential settings, never hold secrets. */
const handler = authenticatedHandler(async ({ runtime, caller }) => {
  const settings = await getReconcilerSettings(runtime.stores, caller);
  return { body: settings.record.settings, etag: settings.etag };
});

export const getReconcilerSettingsFunction = httpFunction('getLicenceSettings', {
  methods: ['GET'],
  route: 'licences/settings',
  handler,
});
