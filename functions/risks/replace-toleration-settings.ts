import { replaceTolerationSettings } from '../../shared/risks/toleration-settings';
import { tolerationSettingsInput } from '../../shared/schemas/risk-tolerations';
import { authenticatedHandler } from '../http/api-handler';
import { ifMatch, parseWith, readJsonBody } from '../http/input';
import { httpFunction } from '../registry';

/** Sets the review periods by level (partnership administrators); If-Match once they exist: 428 without, 412 stale. */
const handler = authenticatedHandler(async ({ request, runtime, caller }) => {
  const input = parseWith(tolerationSettingsInput, await readJsonBody(request), 'body');
  const written = await replaceTolerationSettings(runtime.stores, caller, input, ifMatch(request));
  return {
    status: written.created ? 201 : 200,
    body: { reviewDays: written.record.reviewDays, isDefault: false },
    etag: written.etag,
  };
});

export const replaceTolerationSettingsFunction = httpFunction('replaceTolerationSettings', {
  methods: ['PUT'],
  route: 'toleration-settings',
  handler,
});
