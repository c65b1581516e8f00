import { type InputProblem, invalidInput, notFound } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { LicenceSettings } from '../schemas/licences';
import type { Partnership } from '../schemas/partnership';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { type ConfigWrite, writeConfigRecord } from './config-record';
import { type ConnectionEnvironment, checkTenantConnection } from './connection-policy';
import { licenceScope } from './finding-access';
import type { LicenceSettingsRecord } from './licence-records';

const SETTINGS_ID = 'settings';

/**
 * The reconciler's settings, with their ETag. They hold no secret (a tenant's credential is named by the app
 * setting that holds it), so a council's licence administrator may read them to see how their tenant is scanned;
 * but only their own council's tenant entry, since the others name who sends and receives each council's report.
 * The ETag is the whole record's, which only the partnership's administrator, who sees it whole, writes with.
 */
export async function getReconcilerSettings(
  stores: Pick<Stores, 'licenceSettings'>,
  caller: Caller,
): Promise<Versioned<LicenceSettingsRecord>> {
  const scope = licenceScope(caller);
  const found = await stores.licenceSettings.get(caller.partnershipId, SETTINGS_ID);
  if (!found) {
    throw notFound('The licence reconciler has no settings yet; the partnership administrator PUTs them.');
  }
  if (scope.kind === 'partnership') return found;
  const { settings } = found.record;
  const tenants = settings.tenants.filter((tenant) => tenant.partnerCode === scope.partnerCode);
  return { ...found, record: { ...found.record, settings: { ...settings, tenants } } };
}

/**
 * Replaces the settings. Only the shared service's administrator may: they say which tenants the reconciler signs
 * in to and as which app. Each tenant must be a council of the caller's partnership under its own tenant id, so a
 * partnership can never point its reconciler at someone else's directory, and each connection must pass the
 * connection policy (`checkTenantConnection`): its credential named by one of the partnership's own app settings,
 * sent only to a Microsoft authority (or, in development, the simulators).
 */
export async function replaceReconcilerSettings(
  stores: Pick<Stores, 'partnerships' | 'licenceSettings' | 'audit'>,
  caller: Caller,
  settings: LicenceSettings,
  etag: string | undefined,
  environment: ConnectionEnvironment,
): Promise<ConfigWrite<LicenceSettingsRecord>> {
  requireRole(caller, 'partnership-admin');
  const partnership = await findPartnership(stores, caller.partnershipId);
  const record: LicenceSettingsRecord = {
    id: SETTINGS_ID,
    partnershipId: caller.partnershipId,
    sequence: 0,
    settings: checkedSettings(settings, partnership, environment),
  };
  return writeConfigRecord(stores.licenceSettings, stores.audit, caller, record, etag, {
    action: 'licence.settings.replace',
    kind: 'licenceSettings',
    label: 'reconciler settings',
  });
}

/**
 * Checks every tenant against the partnership and the connection policy, naming each bad entry; stores tenant ids
 * as the partnership has them.
 */
function checkedSettings(
  settings: LicenceSettings,
  partnership: Partnership,
  environment: ConnectionEnvironment,
): LicenceSettings {
  const problems: InputProblem[] = [];
  let outside = false;
  const seen = new Set<string>();
  const tenants = settings.tenants.map((tenant, index) => {
    const path = `body.tenants.${index}`;
    const entry = `tenant ${index + 1} (${tenant.partnerCode}, ${tenant.tenantId})`;
    const partner = partnership.partners.find((p) => p.code === tenant.partnerCode);
    if (!partner) {
      outside = true;
      problems.push({
        path: `${path}.partnerCode`,
        message: `${entry}: ${tenant.partnerCode} is not a council of ${partnership.name}`,
      });
    } else if (partner.tenantId.toLowerCase() !== tenant.tenantId.toLowerCase()) {
      outside = true;
      problems.push({
        path: `${path}.tenantId`,
        message: `${entry}: ${partner.code}'s tenant is ${partner.tenantId}, not ${tenant.tenantId}`,
      });
    }
    if (seen.has(tenant.partnerCode)) {
      outside = true;
      problems.push({ path: `${path}.partnerCode`, message: `${entry}: ${tenant.partnerCode} is listed twice` });
    }
    seen.add(tenant.partnerCode);
    for (const problem of checkTenantConnection(tenant, partnership.partnershipId, environment)) {
      problems.push({ path: `${path}.${problem.path}`, message: `${entry}: ${problem.message}` });
    }
    return partner ? { ...tenant, tenantId: partner.tenantId } : tenant;
  });
  if (problems.length > 0) {
    throw invalidInput(
      outside
        ? 'The reconciler settings name tenants outside this partnership.'
        : 'The reconciler settings break the connection policy.',
      problems,
    );
  }
  return { ...settings, tenants };
}
