import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { allFunctions } from '../../functions/all-functions';
import { registerFunctions } from '../../functions/registry';
import { LocalFunctionsHost } from '../../local/host/local-functions-host';
import { loadDemoDatasets } from '../../local/seed/demo-datasets';
import { seedApproversDemo } from '../../local/seed/seed-approvers-demo';
import { seedDemoData } from '../../local/seed/seed-demo-data';
import { ensureLocalCertificates } from '../../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../local/stack/trust-local-ca';
import { type RunningBotConnector, startBotConnector } from '../../local/tenants/bot-connector/bot-connector-simulator';
import {
  botClient,
  LOCAL_BOT_APP_ID,
  LOCAL_BOT_SECRET_SETTING,
  LOCAL_BOT_TENANT,
} from '../../local/tenants/bot-connector/bot-registration';
import { buildDemoTenants } from '../../local/tenants/demo-users';
import { type RunningTenantSimulator, startTenantSimulator } from '../../local/tenants/tenant-simulator';
import type { Runtime } from '../../shared/runtime';
import type { DemoDataset } from '../../shared/schemas/plan-import';
import { createIntegrationRuntime, integrationEnv } from './integration-runtime';
import { OUTSIDER_TENANT } from './secured-app';

export type BotApp = {
  baseUrl: string;
  /** The local host serving the functions, for tests that add development routes (the chat preview). */
  host: LocalFunctionsHost;
  /** The Bot Connector stand-in: it signs what it delivers to the bot and records what the bot sends. */
  connector: RunningBotConnector;
  tenants: RunningTenantSimulator;
  datasets: DemoDataset[];
  /** A runtime over the app's own database, to look at what the bot stored. */
  runtime: Runtime;
  env: Record<string, string>;
  /** Lines the local host logged. */
  hostLog: string[];
  stop(): Promise<void>;
};

/**
 * The app served by the local host in this process over real HTTP, with the bot configured as `npm start`
 * configures it: the demo councils' tenants (plus one outside any partnership) and the bot's own tenant with its
 * app registration and a fresh secret, the Bot Connector stand-in whose keys the bot trusts and which delivers to
 * /api/messages, the demo data and approvers. The functions read `process.env`, which is pointed at this.
 */
export async function startBotApp(extraEnv: Record<string, string> = {}): Promise<BotApp> {
  const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  trustLocalCertificateAuthority(certificates.ca);
  const datasets = loadDemoDatasets();
  const councils = [...buildDemoTenants(datasets.map((d) => d.partnership)), OUTSIDER_TENANT];
  const secret = randomBytes(24).toString('base64url');
  const tenants = await startTenantSimulator({
    certificates,
    tenants: [...councils, LOCAL_BOT_TENANT],
    api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
    publicClientIds: [LOCAL_API_CLIENT_ID],
    confidentialClients: [botClient(secret)],
  });
  const connector = await startBotConnector({
    certificates,
    authorityHost: tenants.authorityHost,
    botAppId: LOCAL_BOT_APP_ID,
    botTenantId: LOCAL_BOT_TENANT.tenantId,
    tenants: councils,
  });
  const hostLog: string[] = [];
  const host = new LocalFunctionsHost((line) => {
    hostLog.push(line);
  });
  const stop = async () => {
    await host.stop();
    await Promise.allSettled([connector.close(), tenants.close()]);
  };
  try {
    const env = integrationEnv({
      ENTRA_AUTHORITY_HOST: tenants.authorityHost,
      API_CLIENT_ID: LOCAL_API_CLIENT_ID,
      COSMOS_DATABASE: `bot-${randomUUID().slice(0, 8)}`,
      BOT_APP_ID: LOCAL_BOT_APP_ID,
      BOT_TENANT_ID: LOCAL_BOT_TENANT.tenantId,
      [LOCAL_BOT_SECRET_SETTING]: secret,
      BOT_OPENID_METADATA_URL: connector.openIdMetadataUrl,
      ...extraEnv,
    });
    Object.assign(process.env, env);
    const runtime = await createIntegrationRuntime(env);
    await seedDemoData(runtime.stores, datasets);
    await seedApproversDemo(runtime.stores, councils);
    registerFunctions(host, allFunctions);
    const baseUrl = await host.start(0, { runTimers: false });
    connector.setBotEndpoint(`${baseUrl}/api/messages`);
    return { baseUrl, host, connector, tenants, datasets, runtime, env, hostLog, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
