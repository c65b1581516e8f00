import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { allFunctions } from '../functions/all-functions';
import { registerFunctions } from '../functions/registry';
import { LocalFunctionsHost } from '../local/host/local-functions-host';
import { loadDemoDatasets } from '../local/seed/demo-datasets';
import { seedDemoData } from '../local/seed/seed-demo-data';
import { LOCAL_API_CLIENT_ID, startLocalStack } from '../local/stack/local-stack';
import { acquireDemoUserToken } from '../local/tenants/demo-user-token';
import { loadSettings } from '../shared/config/settings';
import { ROLES } from '../shared/identity/caller';
import { importPlan } from '../shared/plan/import-plan';
import { createRuntime } from '../shared/runtime';
import { createCosmosClient, provisionCosmos } from '../shared/stores/cosmos/cosmos-client';

const REQUESTS = 300;
const CONCURRENCY = 8;

/**
 * `npm run bench`: cold import of the bundled app, a full plan import, and API latency through the local host
 * against the stand-ins, printed as figures (no pass/fail: compare runs).
 */
async function main(): Promise<void> {
  const root = join(__dirname, '..');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
  const coldImports = Array.from({ length: 5 }, () => coldImportMs(join(root, 'dist', 'index.js')));
  report('cold import of dist/index.js', coldImports, 'ms');

  const datasets = loadDemoDatasets();
  const stack = await startLocalStack(
    {},
    datasets.map((dataset) => dataset.partnership),
  );
  const env = { HUB_ENVIRONMENT: 'development', COSMOS_DATABASE: 'bench', ...stack.env };
  Object.assign(process.env, env);
  const settings = loadSettings(env);
  await provisionCosmos(createCosmosClient(settings.cosmos), settings.cosmos.database);
  const runtime = createRuntime(settings);
  const seedStarted = performance.now();
  await seedDemoData(runtime.stores, datasets);
  report('first import of both demo datasets (into empty containers)', [performance.now() - seedStarted], 'ms');

  const dataset = datasets.find((d) => d.partnership.id === '3c-ict');
  const document = dataset?.documents[0];
  if (!document) throw new Error('3c-ict demo data missing');
  const tenantId = dataset?.partnership.partners.find((p) => p.code === 'HDC')?.tenantId ?? '';
  const admin = { partnershipId: '3c-ict', partnerCode: 'HDC', roles: ROLES, tenantId, userId: 'bench', name: 'bench' };
  const reimports: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await importPlan(runtime.stores, admin, document);
    reimports.push(performance.now() - started);
  }
  report('re-import of the 3C ICT plan (nothing changed)', reimports, 'ms');

  const host = new LocalFunctionsHost(() => {});
  registerFunctions(host, allFunctions);
  const baseUrl = await host.start(0, { runTimers: false });
  const user = 'sam.smith@huntingdonshire.example';
  const tenant = stack.tenants?.list.find((t) => t.users.some((u) => u.userPrincipalName === user));
  const { accessToken } = await acquireDemoUserToken({
    authorityHost: settings.identity.authorityHost,
    tenantId: tenant?.tenantId ?? '',
    apiClientId: settings.identity.apiClientId,
    apiAppIdUri: settings.identity.apiAppIdUri,
    userPrincipalName: user,
  });
  for (const path of ['health', 'me', 'plan?year=2020-21', 'bids?year=2020-21', 'risks?pageSize=50']) {
    const label = `GET /api/${path} with a verified token (${REQUESTS} requests, ${CONCURRENCY} at a time)`;
    report(label, await latencies(`${baseUrl}/api/${path}`, accessToken), 'ms');
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  console.log(`resident memory of host + Cosmos DB stand-in after the run: ${rssMb.toFixed(0)} MB`);
  await host.stop();
  await stack.stop();
}

function coldImportMs(bundle: string): number {
  const script = `const t = performance.now(); require(${JSON.stringify(bundle)}); console.log(performance.now() - t);`;
  const output = execFileSync(process.execPath, ['-e', script], {
    env: {
      PATH: process.env.PATH,
      HUB_ENVIRONMENT: 'development',
      COSMOS_ENDPOINT: 'https://127.0.0.1:1/',
      COSMOS_KEY: 'a2V5',
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      API_CLIENT_ID: LOCAL_API_CLIENT_ID,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(output.trim().split('\n').pop());
}

async function latencies(url: string, accessToken: string): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const started = performance.now();
      const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times;
}

function report(label: string, values: number[], unit: string): void {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(
    `${label}: p50 ${at(0.5).toFixed(1)} ${unit}, p95 ${at(0.95).toFixed(1)} ${unit}, max ${at(1).toFixed(1)} ${unit}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
