import { allFunctions } from '../functions/all-functions';
import { reconcileOnScheduleFunction } from '../functions/licences/reconcile-on-schedule';
import { registerFunctions } from '../functions/registry';
import { getRuntime } from '../functions/runtime';
import { ConfigurationError, loadSettings } from '../shared/config/settings';
import { createCosmosClient, provisionCosmos } from '../shared/stores/cosmos/cosmos-client';
import { addChatPreview } from './chat-preview/chat-preview-pages';
import { addGraphOutbox } from './host/graph-outbox-route';
import { LocalFunctionsHost } from './host/local-functions-host';
import { tabConfigFor } from './host/tab-config';
import { addTabFiles, ensureTabBuilt } from './host/tab-files';
import { loadDemoDatasets } from './seed/demo-datasets';
import { seedApproversDemo } from './seed/seed-approvers-demo';
import { seedDemoData } from './seed/seed-demo-data';
import { seedKpiDemo } from './seed/seed-kpi-demo';
import { seedLicenceDemo } from './seed/seed-licence-demo';
import { seedOutageDemo } from './seed/seed-outage-demo';
import { addSignInPages } from './sign-in/sign-in-pages';
import { LOCAL_API_CLIENT_ID, type LocalStack, startLocalStack } from './stack/local-stack';
import { clearStackState, writeStackState } from './stack/stack-state';
import { installForDemoUsers } from './tenants/bot-connector/install-for-demo-users';

const HEALTH_TIMEOUT_MS = 30_000;

/** Development defaults, applied only where the environment says nothing. */
function applyDevelopmentDefaults(env: NodeJS.ProcessEnv): void {
  env.HUB_ENVIRONMENT ??= 'development';
}

/**
 * `npm start`: the whole product on one machine. Validates the configuration, starts a stand-in for every
 * service not configured, provisions and seeds the demo data when the store is empty, serves the functions
 * at http://localhost:7071/api, and on Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  const started = performance.now();
  applyDevelopmentDefaults(process.env);
  checkSettingsBeforeStarting(process.env);

  const datasets = loadDemoDatasets();
  const stack: LocalStack = await startLocalStack(
    process.env,
    datasets.map((dataset) => dataset.partnership),
  );
  Object.assign(process.env, stack.env);
  const host = new LocalFunctionsHost();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local host and stand-ins...`);
    clearStackState();
    await host.stop();
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const settings = loadSettings(process.env);
    if (settings.environment === 'development') {
      await provisionCosmos(createCosmosClient(settings), settings.cosmos.database);
      const outcomes = await seedDemoData(getRuntime().stores, datasets, { log: console.log });
      for (const outcome of outcomes) console.log(`Demo data ${outcome.partnershipId}: ${outcome.action}`);
      console.log(`Demo KPIs ${await seedKpiDemo(getRuntime().stores)}`);
      console.log(`Demo outages ${await seedOutageDemo(getRuntime().stores)}`);
      if (stack.tenants)
        console.log(`Demo approvers: ${await seedApproversDemo(getRuntime().stores, stack.tenants.list)}`);
      if (stack.graph && stack.tenants) {
        const endpoints = { authorityHost: stack.tenants.authorityHost, graphBaseUrl: stack.graph.simulator.baseUrl };
        console.log(`Demo licences ${await seedLicenceDemo(getRuntime().stores, stack.graph.licences, endpoints)}`);
      }
    }
    registerFunctions(host, allFunctions);
    if (stack.tenants) {
      addSignInPages(host, {
        authorityHost: stack.tenants.authorityHost,
        apiClientId: settings.identity.apiClientId,
        apiAppIdUri: settings.identity.apiAppIdUri,
        partnerships: datasets.map((dataset) => dataset.partnership),
        tenants: stack.tenants.list,
      });
    }
    if (stack.graph) addGraphOutbox(host, stack.graph.simulator);
    if (stack.bot) {
      const partnerships = datasets.map((dataset) => dataset.partnership);
      addChatPreview(host, { connector: stack.bot.connector, partnerships, environment: settings.environment });
    }
    ensureTabBuilt(console.log);
    addTabFiles(host, tabConfigFor(settings.identity));
    const baseUrl = await host.start(settings.localHostPort);
    stack.bot?.connector.setBotEndpoint(`${baseUrl}/api/messages`);
    await waitUntilHealthy(`${baseUrl}/api/health`);
    if (stack.bot) console.log(`Teams: ${await installForDemoUsers(stack.bot.connector)}`);
    if (stack.graph) await host.runTimer(reconcileOnScheduleFunction.name);
    if (stack.tenants) {
      writeStackState({
        apiBaseUrl: `${baseUrl}/api`,
        authorityHost: stack.tenants.authorityHost,
        apiClientId: settings.identity.apiClientId,
        apiAppIdUri: settings.identity.apiAppIdUri,
        caCertFile: stack.tenants.caCertFile,
        pid: process.pid,
      });
    }
    printBanner(baseUrl, stack, host, performance.now() - started);
  } catch (error) {
    console.error(error instanceof ConfigurationError ? error.message : error);
    await host.stop();
    await stack.stop();
    process.exit(1);
  }
}

/** Fails fast, listing every problem, before any stand-in starts; stand-in addresses are checked as placeholders. */
function checkSettingsBeforeStarting(env: NodeJS.ProcessEnv): void {
  try {
    loadSettings({
      COSMOS_ENDPOINT: 'https://127.0.0.1/',
      COSMOS_KEY: 'placeholder',
      HUB_STORAGE: 'UseDevelopmentStorage=true',
      ENTRA_AUTHORITY_HOST: 'https://127.0.0.1/',
      API_CLIENT_ID: LOCAL_API_CLIENT_ID,
      ...env,
    });
  } catch (error) {
    console.error(error instanceof ConfigurationError ? error.message : error);
    process.exit(1);
  }
}

async function waitUntilHealthy(url: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s: ${last}`);
}

function printBanner(baseUrl: string, stack: LocalStack, host: LocalFunctionsHost, elapsedMs: number): void {
  const { http, timers, queues } = host.describe();
  const lines = [
    '',
    `ICT Partnership Hub is running (ready in ${(elapsedMs / 1000).toFixed(1)} s)`,
    '',
    `  Teams tab           ${baseUrl}/ (outside Teams: sign in as a demo user)`,
    `  Health              ${baseUrl}/api/health`,
    `  API                 ${baseUrl}/api/plan?year=2020-21 (and the routes in the README)`,
    `  Functions (admin)   ${baseUrl}/admin/functions`,
    ...(stack.tenants ? [`  Demo sign-in        ${baseUrl}/dev/sign-in`] : []),
    ...(stack.bot ? [`  Teams chat preview  ${baseUrl}/dev/chat (each demo user's chat with the bot)`] : []),
    ...(stack.graph ? [`  Mail sent by Graph  ${baseUrl}/dev/outbox (the licence reports the first run emailed)`] : []),
    ...stack.started.map((line) => `  ${line}`),
    '',
    `  ${http.length} HTTP functions, ${timers.length} timer functions: ${timers.map((t) => `${t.name} (${t.schedule})`).join(', ')}`,
    `  ${queues.length} queue functions: ${queues.map((q) => `${q.name} (${q.queueName})`).join(', ')}`,
    '  Every route but /api/health needs a bearer token. Pick a demo user at /dev/sign-in, or in a shell:',
    '    npm run token -- --list',
    `    curl -H "Authorization: Bearer $(npm run -s token -- sam.smith@huntingdonshire.example)" ${baseUrl}/api/me`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

void main();
