import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ensureLocalCertificates } from '../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../local/stack/trust-local-ca';
import { startGraphSimulator } from '../local/tenants/graph/graph-simulator';
import { plantedCases } from '../local/tenants/graph/planted-cases';
import { POPULATION_SKUS, Population } from '../local/tenants/graph/population';
import { startTenantSimulator } from '../local/tenants/tenant-simulator';
import { applyChanges, CachedPopulation } from './simulated-population';
import type { BenchCommand, SimulatedTenantsReady } from './simulated-tenants-protocol';
import { warmSimulators } from './warm-simulators';

const CODES = ['CCC', 'HDC', 'SCDC'] as const;
const CLIENT_ID = '7e0c7d0a-1f1e-4b8a-9a52-0c8f3a1b2c3d';
const ROLES = ['User.Read.All', 'Organization.Read.All', 'AuditLog.Read.All'];

/**
 * The tenant and Graph simulators for the reconcile benchmark, in a process of their own so the benchmark's
 * memory and CPU figures are the reconciler's alone. Prints one JSON line (where they listen, and the
 * reconciler's secret) and then answers one JSON line per command read from stdin; exits when stdin closes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '50000' },
      'page-delay-ms': { type: 'string', default: '100' },
      // Users derived on every request (a SHA-256 each), as the simulator does elsewhere; by default computed once.
      'compute-on-demand': { type: 'boolean', default: false },
    },
  });
  const now = new Date();
  const size = Number(values.users);
  const tenants = CODES.map((partnerCode, i) => ({
    tenantId: `b3e1c000-0000-4000-8000-00000000000${i + 1}`,
    partnerCode,
    domain: `${partnerCode.toLowerCase()}.example`,
    size,
  }));
  const cases = plantedCases(now, CODES);
  let population: Population;
  if (values['compute-on-demand']) population = new Population(tenants, cases, now);
  else {
    const cached = new CachedPopulation(tenants, cases, now);
    cached.warm();
    population = cached;
  }
  const secret = randomUUID();

  const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  trustLocalCertificateAuthority(certificates.ca);
  const identity = await startTenantSimulator({
    certificates,
    tenants: tenants.map((t) => ({ ...t, displayName: t.partnerCode, partnershipId: 'bench', users: [] })),
    api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
    publicClientIds: [LOCAL_API_CLIENT_ID],
    confidentialClients: tenants.map((t) => ({
      tenantId: t.tenantId,
      clientId: CLIENT_ID,
      clientSecret: secret,
      applicationRoles: ROLES,
    })),
  });
  const graph = await startGraphSimulator({
    certificates,
    authorityHost: identity.authorityHost,
    population,
    tenants: tenants.map((t, populationIndex) => ({
      tenantId: t.tenantId,
      populationIndex,
      skus: [
        { skuId: POPULATION_SKUS.e3, skuPartNumber: 'SPE_E3', enabled: size },
        { skuId: POPULATION_SKUS.f3, skuPartNumber: 'SPE_F1', enabled: size / 10 },
      ],
    })),
  });
  for (const tenant of tenants) graph.setFaults(tenant.tenantId, { pageDelayMs: Number(values['page-delay-ms']) });

  await warmSimulators({
    authorityHost: identity.authorityHost,
    graphBaseUrl: graph.baseUrl,
    clientId: CLIENT_ID,
    secret,
    tenantIds: tenants.map((t) => t.tenantId),
  });
  const ready: SimulatedTenantsReady = {
    authorityHost: identity.authorityHost,
    graphBaseUrl: graph.baseUrl,
    clientId: CLIENT_ID,
    secret,
    tenants: tenants.map((t, index) => ({ ...t, users: population.size(index) })),
  };
  console.log(JSON.stringify(ready));

  const stop = async () => {
    await graph.close();
    await identity.close();
    process.exit(0);
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('close', () => void stop());
  for await (const line of lines) {
    if (!line.trim()) continue;
    const command = JSON.parse(line) as BenchCommand;
    if (command.cmd === 'change') {
      const changed = tenants.map((_, index) => applyChanges(population, index, command.percent, now));
      console.log(JSON.stringify({ ok: true, changed: changed.reduce((a, b) => a + b, 0), byTenant: changed }));
    } else if (command.cmd === 'cpu') {
      const usage = process.cpuUsage();
      console.log(JSON.stringify({ ok: true, cpuMs: (usage.user + usage.system) / 1000 }));
    } else if (command.cmd === 'counts') {
      console.log(JSON.stringify({ ok: true, counts: graph.requestCounts() }));
    } else if (command.cmd === 'stop') {
      console.log(JSON.stringify({ ok: true }));
      await stop();
    } else {
      console.log(JSON.stringify({ ok: false, error: `unknown command ${JSON.stringify(command)}` }));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
