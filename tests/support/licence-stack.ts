import { randomBytes, randomUUID } from 'node:crypto';
import { allFunctions } from '../../functions/all-functions';
import { registerFunctions } from '../../functions/registry';
import { LocalFunctionsHost } from '../../local/host/local-functions-host';
import { loadDemoDatasets } from '../../local/seed/demo-datasets';
import { seedDemoData } from '../../local/seed/seed-demo-data';
import { seedLicenceDemo } from '../../local/seed/seed-licence-demo';
import { LOCAL_API_CLIENT_ID } from '../../local/stack/local-stack';
import { buildDemoTenants } from '../../local/tenants/demo-users';
import {
  DEMO_LICENCE_PARTNERSHIP,
  type DemoLicenceTenants,
  demoLicenceTenants,
  LOCAL_RECONCILER_SECRET_SETTING,
  reconcilerClients,
} from '../../local/tenants/graph/demo-licence-tenants';
import type { RunningGraphSimulator } from '../../local/tenants/graph/graph-simulator';
import type { Population } from '../../local/tenants/graph/population';
import type { RunningTenantSimulator } from '../../local/tenants/tenant-simulator';
import { createSeatDirectory } from '../../shared/graph/graph-seat-directory';
import type { RunLease } from '../../shared/licences/gateways';
import type { ReconcilerDeps } from '../../shared/licences/reconciler-deps';
import type { Runtime } from '../../shared/runtime';
import { createIntegrationRuntime, integrationEnv } from './integration-runtime';
import { startSimulators } from './simulated-graph';

export type LicenceStack = {
  partnershipId: typeof DEMO_LICENCE_PARTNERSHIP;
  /** A runtime over the stand-ins (Cosmos, Azurite), with its own database and run queue. */
  runtime: Runtime;
  /** The runtime's reconciler with Graph reached through the simulators and a log that keeps its lines. */
  deps: ReconcilerDeps;
  /** Every line `deps.log` was given, oldest first. */
  log: string[];
  /** The environment the runtime was built from (the reconciler's secret included). */
  env: Record<string, string>;
  graph: RunningGraphSimulator;
  population: Population;
  licences: DemoLicenceTenants;
  tenants: RunningTenantSimulator;
  /** Removes every fault set on the simulated Graph. */
  clearFaults(): void;
  stop(): Promise<void>;
};

export type LicenceApp = LicenceStack & {
  baseUrl: string;
  tokenFor(userPrincipalName: string): Promise<string>;
  /** Lines the local host logged (requests, queue deliveries, the worker's own log). */
  hostLog: string[];
};

/**
 * The licence reconciler's whole world in this process: the demo councils' tenants (with the reconciler's app
 * registration and a fresh secret), Microsoft Graph over the demo population with its planted cases, Cosmos DB and
 * Azurite through an integration runtime, and the demo partnership and licence set-up seeded into them.
 *
 * `isolateLease` (on by default) takes the run lease under a partnership id of this stack's own, still as a real
 * blob lease in Azurite: Azurite is shared by every test file of a run, and the lease blob is named by partnership,
 * so two files reconciling the demo partnership at once would otherwise refuse each other's runs.
 */
export async function startLicenceStack(options: { isolateLease?: boolean } = {}): Promise<LicenceStack> {
  const datasets = loadDemoDatasets();
  const demoTenants = buildDemoTenants(datasets.map((dataset) => dataset.partnership));
  const licences = demoLicenceTenants(demoTenants, new Date());
  if (!licences) throw new Error(`The demo data has no partnership ${DEMO_LICENCE_PARTNERSHIP} of three councils.`);
  const secret = randomBytes(24).toString('base64url');

  const simulators = await startSimulators({
    directories: demoTenants,
    confidentialClients: reconcilerClients(licences.partnerTenants, secret),
    population: licences.population,
    graphTenants: licences.graphTenants,
  });
  const { tenants, graph } = simulators;
  try {
    const env = integrationEnv({
      ENTRA_AUTHORITY_HOST: tenants.authorityHost,
      API_CLIENT_ID: LOCAL_API_CLIENT_ID,
      [LOCAL_RECONCILER_SECRET_SETTING]: secret,
    });
    const runtime = await createIntegrationRuntime(env);
    await seedDemoData(runtime.stores, datasets);
    await seedLicenceDemo(runtime.stores, licences, {
      authorityHost: tenants.authorityHost,
      graphBaseUrl: graph.baseUrl,
    });

    const log: string[] = [];
    const realLease = runtime.reconciler.lease;
    const leaseTag = randomUUID().slice(0, 8);
    const lease: RunLease =
      options.isolateLease === false
        ? realLease
        : { acquire: (partnershipId, leaseId) => realLease.acquire(`${partnershipId}~${leaseTag}`, leaseId) };
    const deps: ReconcilerDeps = {
      ...runtime.reconciler,
      lease,
      directoryFor: (connection) => createSeatDirectory(connection, { [LOCAL_RECONCILER_SECRET_SETTING]: secret }),
      log: (line) => {
        log.push(line);
      },
    };
    return {
      partnershipId: DEMO_LICENCE_PARTNERSHIP,
      runtime,
      deps,
      log,
      env,
      graph,
      population: licences.population,
      licences,
      tenants,
      clearFaults: () => {
        for (const tenant of licences.graphTenants) graph.setFaults(tenant.tenantId, {});
      },
      stop: simulators.stop,
    };
  } catch (error) {
    await simulators.stop();
    throw error;
  }
}

/**
 * The licence stack served by the local host in this process over real HTTP, every function registered: the
 * run queue is polled (so a requested run is worked through by the queue-triggered worker), timers are off.
 * The functions build their own runtime from `process.env`, which is pointed at this stack, as secured-app does.
 */
export async function startLicenceApp(): Promise<LicenceApp> {
  const stack = await startLicenceStack({ isolateLease: false });
  Object.assign(process.env, stack.env);
  const hostLog: string[] = [];
  const host = new LocalFunctionsHost((line) => {
    hostLog.push(line);
  });
  try {
    registerFunctions(host, allFunctions);
    const baseUrl = await host.start(0, { runTimers: false });
    return {
      ...stack,
      baseUrl,
      hostLog,
      tokenFor: (userPrincipalName) => stack.tenants.issueUserAccessToken(userPrincipalName),
      stop: async () => {
        await host.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await host.stop();
    await stack.stop();
    throw error;
  }
}
