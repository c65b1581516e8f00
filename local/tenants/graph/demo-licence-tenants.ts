import { credentialSettingPrefix } from '../../../shared/licences/connection-policy';
import type { HrRecord } from '../../../shared/licences/find-waste';
import type { LicenceSettings } from '../../../shared/schemas/licences';
import type { SimulatedTenant } from '../demo-users';
import type { GraphTenant } from './graph-simulator';
import { plantedCases } from './planted-cases';
import { POPULATION_SKUS, Population } from './population';

/** The licence reconciler's app registration in the simulated tenants: a fixed, public, local-only client id. */
export const LOCAL_RECONCILER_CLIENT_ID = '7e0c7d0a-1f1e-4b8a-9a52-0c8f3a1b2c3d';
/** The environment variable holding its secret, made afresh on each start: settings name it, never hold it. */
export const LOCAL_RECONCILER_SECRET_SETTING = `${credentialSettingPrefix('3c-ict')}SECRET`;
/** The partnership whose councils get a demo directory: the one whose plan asks for licence reconciliation. */
export const DEMO_LICENCE_PARTNERSHIP = '3c-ict';
const USERS_PER_COUNCIL = 300;
const RECONCILER_ROLES = ['User.Read.All', 'LicenseAssignment.Read.All', 'AuditLog.Read.All', 'Mail.Send'];

/** Who receives each demo council's report: its licence administrators in the demo directory. */
const RECIPIENT_ROLE = 'licence-admin';

export type DemoLicenceTenants = {
  population: Population;
  graphTenants: GraphTenant[];
  partnerTenants: SimulatedTenant[];
  hr: HrRecord[];
};

/**
 * The demo partnership's councils as directories full of staff (a few hundred each), with the planted cases
 * the reconciler must find and the HR feed rows some of them need. Null when the partnership is not there.
 */
export function demoLicenceTenants(tenants: readonly SimulatedTenant[], now: Date): DemoLicenceTenants | null {
  const partnerTenants = tenants.filter((tenant) => tenant.partnershipId === DEMO_LICENCE_PARTNERSHIP);
  if (partnerTenants.length !== 3) return null;
  const codes = partnerTenants.map((tenant) => tenant.partnerCode) as [string, string, string];
  const cases = plantedCases(now, codes);
  const population = new Population(
    partnerTenants.map((tenant) => ({
      tenantId: tenant.tenantId,
      partnerCode: tenant.partnerCode,
      domain: tenant.domain,
      size: USERS_PER_COUNCIL,
    })),
    cases,
    now,
  );
  return {
    population,
    partnerTenants,
    graphTenants: partnerTenants.map((tenant, populationIndex) => ({
      tenantId: tenant.tenantId,
      populationIndex,
      skus: [
        { skuId: POPULATION_SKUS.e3, skuPartNumber: 'SPE_E3', enabled: USERS_PER_COUNCIL + 50 },
        { skuId: POPULATION_SKUS.e5, skuPartNumber: 'SPE_E5', enabled: 10 },
        { skuId: POPULATION_SKUS.f3, skuPartNumber: 'SPE_F1', enabled: 40 },
        { skuId: POPULATION_SKUS.free, skuPartNumber: 'FLOW_FREE', enabled: 10000 },
      ],
    })),
    hr: cases.flatMap((c) =>
      (c.hr ?? []).map(({ tenant, ...row }) => ({ ...row, partnerCode: codes[tenant] as string })),
    ),
  };
}

/** The reconciler app registration in each demo council's tenant, with the Graph application roles it needs. */
export function reconcilerClients(partnerTenants: readonly SimulatedTenant[], clientSecret: string) {
  return partnerTenants.map((tenant) => ({
    tenantId: tenant.tenantId,
    clientId: LOCAL_RECONCILER_CLIENT_ID,
    clientSecret,
    applicationRoles: RECONCILER_ROLES,
  }));
}

/** Reconciler settings pointing at the simulated tenants and Graph, as a partnership would set them in Azure. */
export function demoLicenceSettings(
  partnerTenants: readonly SimulatedTenant[],
  endpoints: { authorityHost: string; graphBaseUrl: string },
): LicenceSettings {
  return {
    tenants: partnerTenants.map((tenant) => ({
      partnerCode: tenant.partnerCode,
      tenantId: tenant.tenantId,
      clientId: LOCAL_RECONCILER_CLIENT_ID,
      credential: { kind: 'secret', setting: LOCAL_RECONCILER_SECRET_SETTING },
      authorityHost: endpoints.authorityHost,
      graphBaseUrl: endpoints.graphBaseUrl,
      reportSender: `licence-reports@${tenant.domain}`,
      reportRecipients: tenant.users
        .filter((user) => user.roles.includes(RECIPIENT_ROLE))
        .map((u) => u.userPrincipalName),
    })),
    inactiveDays: 90,
    signInPassEveryDays: 7,
    fullScanEveryDays: 28,
  };
}
