import { replaceReconcilerSettings } from '../../shared/licences/reconciler-settings-admin';
import { licenceSettings } from '../../shared/schemas/licences';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/**
 * Replaces the reconciler's settings (partnership administrators); If-Match as for every edit. Which authorities
 * a connection may name depends on the environment: only development may point at the local simulators.
 */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const settings = parseWith(licenceSettings, await readJsonBody(request), 'body');
  const written = await replaceReconcilerSettings(
    runtime.stores,
    caller,
    settings,
    ifMatch(request),
    runtime.settings.environment,
  );
  return { status: written.created ? 201 : 200, body: written.record.settings, etag: written.etag };
});

export const replaceReconcilerSettingsFunction = httpFunction('replaceLicenceSettings', {
  methods: ['PUT'],
  route: 'licences/settings',
  handler,
});
