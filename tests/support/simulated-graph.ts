import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureLocalCertificates, type LocalCertificates } from '../../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../local/stack/trust-local-ca';
import type { SimulatedTenant } from '../../local/tenants/demo-users';
import { LOCAL_RECONCILER_CLIENT_ID } from '../../local/tenants/graph/demo-licence-tenants';
import {
  type GraphTenant,
  type RunningGraphSimulator,
  startGraphSimulator,
} from '../../local/tenants/graph/graph-simulator';
import { plantedCases } from '../../local/tenants/graph/planted-cases';
import {
  type PlantedCase,
  POPULATION_SKUS,
  Population,
  type PopulationTenant,
} from '../../local/tenants/graph/population';
import {
  type RunningTenantSimulator,
  startTenantSimulator,
  type TenantSimulatorOptions,
} from '../../local/tenants/tenant-simulator';
import { type TenantConnection, tenantConnection } from '../../shared/schemas/licences';

/** Every Graph application role the reconciler uses. */
export const RECONCILER_ROLES = ['User.Read.All', 'LicenseAssignment.Read.All', 'Mail.Send', 'AuditLog.Read.All'];

/** Roles for `startSimulatedGraph`: every role, but only User.Read.All in the tenant of `partnerCode`. */
export function userReadOnlyIn(partnerCode: string): (tenant: PopulationTenant) => readonly string[] {
  return (tenant) => (tenant.partnerCode === partnerCode ? ['User.Read.All'] : RECONCILER_ROLES);
}

/** A test partnership's three councils, CCC, HDC and SCDC, each with `size` users in the simulated Graph. */
export function councilTenants(size: number): PopulationTenant[] {
  return (['CCC', 'HDC', 'SCDC'] as const).map((partnerCode, i) => ({
    tenantId: `3c1c000${i + 1}-0000-4000-8000-00000000000${i + 1}`,
    partnerCode,
    domain: `${partnerCode.toLowerCase()}.example`,
    size,
  }));
}

export type RunningSimulators = {
  certificates: LocalCertificates;
  tenants: RunningTenantSimulator;
  graph: RunningGraphSimulator;
  authorityHost: string;
  /** Closes both simulators; never throws. */
  stop(): Promise<void>;
};

/**
 * The simulated tenants (Entra ID) and the simulated Graph over `population`, both over HTTPS with the local CA,
 * which this process then trusts (the Graph simulator fetches the tenants' signing keys over TLS).
 */
export async function startSimulators(options: {
  directories: SimulatedTenant[];
  confidentialClients: NonNullable<TenantSimulatorOptions['confidentialClients']>;
  population: Population;
  graphTenants: GraphTenant[];
  signInActivity?: { perMinute: number; burst: number };
}): Promise<RunningSimulators> {
  const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  trustLocalCertificateAuthority(certificates.ca);
  const tenants = await startTenantSimulator({
    certificates,
    tenants: options.directories,
    api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
    publicClientIds: [LOCAL_API_CLIENT_ID],
    confidentialClients: options.confidentialClients,
  });
  try {
    const graph = await startGraphSimulator({
      certificates,
      authorityHost: tenants.authorityHost,
      population: options.population,
      tenants: options.graphTenants,
      ...(options.signInActivity ? { signInActivity: options.signInActivity } : {}),
    });
    return {
      certificates,
      tenants,
      graph,
      authorityHost: tenants.authorityHost,
      stop: async () => {
        await Promise.allSettled([graph.close(), tenants.close()]);
      },
    };
  } catch (error) {
    await tenants.close().catch(() => {});
    throw error;
  }
}

export type SimulatedGraphOptions = {
  tenants: readonly PopulationTenant[];
  /** The population's clock, which the planted cases are dated from. Now unless told. */
  now?: Date;
  /** The planted cases (three tenants) at the start of each tenant's users; on unless told. */
  plantedCases?: boolean;
  /** The reconciler's Graph application roles, for every tenant or per tenant. All of them unless told. */
  roles?: readonly string[] | ((tenant: PopulationTenant) => readonly string[]);
  /** Each tenant's subscribed SKUs: 3000 E3 seats unless told. */
  skus?: GraphTenant['skus'];
  signInActivity?: { perMinute: number; burst: number };
  /** The app setting `connectionFor` names for the reconciler's secret. */
  secretSetting?: string;
};

export type SimulatedGraph = RunningSimulators & {
  population: Population;
  cases: PlantedCase[];
  /** The reconciler's app registration in every tenant. */
  clientId: string;
  secret: string;
  secretSetting: string;
  /** An environment holding the secret in `secretSetting`. */
  env: Record<string, string>;
  /** The reconciler's connection to tenant number `index`, through the simulators. */
  connectionFor(index: number): TenantConnection;
};

/**
 * Bare directories for `tenants`, with the reconciler registered in each (a fresh secret), and the simulated Graph
 * over a population of their users.
 */
export async function startSimulatedGraph(options: SimulatedGraphOptions): Promise<SimulatedGraph> {
  const now = options.now ?? new Date();
  const codes = options.tenants.map((t) => t.partnerCode);
  if (options.plantedCases !== false && codes.length !== 3) throw new Error('The planted cases need three tenants.');
  const cases = options.plantedCases === false ? [] : plantedCases(now, codes as [string, string, string]);
  const population = new Population(options.tenants, cases, now);
  const roles = options.roles ?? RECONCILER_ROLES;
  const rolesOf = (tenant: PopulationTenant) => [...(typeof roles === 'function' ? roles(tenant) : roles)];
  const secret = randomBytes(24).toString('base64url');
  const secretSetting = options.secretSetting ?? 'RECONCILER_SECRET';
  const simulators = await startSimulators({
    directories: options.tenants.map((t) => ({
      ...t,
      displayName: t.partnerCode,
      partnershipId: '3c-ict',
      users: [],
    })),
    confidentialClients: options.tenants.map((t) => ({
      tenantId: t.tenantId,
      clientId: LOCAL_RECONCILER_CLIENT_ID,
      clientSecret: secret,
      applicationRoles: rolesOf(t),
    })),
    population,
    graphTenants: options.tenants.map((t, populationIndex) => ({
      tenantId: t.tenantId,
      populationIndex,
      skus: options.skus ?? [{ skuId: POPULATION_SKUS.e3, skuPartNumber: 'SPE_E3', enabled: 3000 }],
    })),
    ...(options.signInActivity ? { signInActivity: options.signInActivity } : {}),
  });
  return {
    ...simulators,
    population,
    cases,
    clientId: LOCAL_RECONCILER_CLIENT_ID,
    secret,
    secretSetting,
    env: { [secretSetting]: secret },
    connectionFor: (index) =>
      tenantConnection.parse({
        partnerCode: options.tenants[index]?.partnerCode,
        tenantId: options.tenants[index]?.tenantId,
        clientId: LOCAL_RECONCILER_CLIENT_ID,
        credential: { kind: 'secret', setting: secretSetting },
        authorityHost: simulators.authorityHost,
        graphBaseUrl: simulators.graph.baseUrl,
      }),
  };
}
