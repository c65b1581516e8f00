import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { allFunctions } from '../../functions/all-functions';
import { registerFunctions } from '../../functions/registry';
import { LocalFunctionsHost } from '../../local/host/local-functions-host';
import { loadDemoDatasets } from '../../local/seed/demo-datasets';
import { seedDemoData } from '../../local/seed/seed-demo-data';
import { ensureLocalCertificates } from '../../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../local/stack/trust-local-ca';
import { buildDemoTenants, type SimulatedTenant } from '../../local/tenants/demo-users';
import { type RunningTenantSimulator, startTenantSimulator } from '../../local/tenants/tenant-simulator';
import type { Runtime } from '../../shared/runtime';
import type { DemoDataset } from '../../shared/schemas/plan-import';
import { createIntegrationRuntime, integrationEnv } from './integration-runtime';

/** A tenant that belongs to no partnership: its users must be refused everywhere. */
export const OUTSIDER_TENANT: SimulatedTenant = {
  tenantId: '0b5de000-0000-4000-8000-0000000000ff',
  displayName: 'Outsider District Council',
  domain: 'outsider.example',
  partnershipId: 'none',
  partnerCode: 'ODC',
  users: [
    {
      objectId: '0b5de000-0000-4000-8000-000000000001',
      userPrincipalName: 'eve.mallory@outsider.example',
      displayName: 'Eve Mallory',
      jobTitle: 'Chief Executive',
      roles: ['staff', 'partnership-admin'],
      partnershipId: 'none',
      partnerCode: 'ODC',
      tenantId: '0b5de000-0000-4000-8000-0000000000ff',
    },
  ],
};

export type SecuredApp = {
  baseUrl: string;
  simulator: RunningTenantSimulator;
  datasets: DemoDataset[];
  /** A runtime over the same database and storage as the app's, for tests to seed records the API only reads. */
  runtime: Runtime;
  tokenFor(userPrincipalName: string): Promise<string>;
  stop(): Promise<void>;
};

/**
 * The functions served by the local host in this process, over real HTTP, with the demo data, verifying tokens
 * from simulated tenants (the demo councils plus one outsider) through the real jose and msal code paths.
 */
export async function startSecuredApp(): Promise<SecuredApp> {
  const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  trustLocalCertificateAuthority(certificates.ca);
  const datasets = loadDemoDatasets();
  const simulator = await startTenantSimulator({
    certificates,
    tenants: [...buildDemoTenants(datasets.map((d) => d.partnership)), OUTSIDER_TENANT],
    api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
    publicClientIds: [LOCAL_API_CLIENT_ID],
  });
  const env = integrationEnv({
    ENTRA_AUTHORITY_HOST: simulator.authorityHost,
    API_CLIENT_ID: LOCAL_API_CLIENT_ID,
    COSMOS_DATABASE: `secured-${randomUUID().slice(0, 8)}`,
  });
  Object.assign(process.env, env);
  const runtime = await createIntegrationRuntime(env);
  await seedDemoData(runtime.stores, datasets);

  const host = new LocalFunctionsHost(() => {});
  registerFunctions(host, allFunctions);
  const baseUrl = await host.start(0, { runTimers: false });
  return {
    baseUrl,
    simulator,
    datasets,
    runtime,
    tokenFor: (userPrincipalName) => simulator.issueUserAccessToken(userPrincipalName),
    stop: async () => {
      await host.stop();
      await simulator.close();
    },
  };
}
