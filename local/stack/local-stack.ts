import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Partnership } from '../../shared/schemas/partnership';
import { type RunningBotConnector, startBotConnector } from '../tenants/bot-connector/bot-connector-simulator';
import {
  botClient,
  LOCAL_BOT_APP_ID,
  LOCAL_BOT_SECRET_SETTING,
  LOCAL_BOT_TENANT,
} from '../tenants/bot-connector/bot-registration';
import { buildDemoTenants, type SimulatedTenant } from '../tenants/demo-users';
import {
  type DemoLicenceTenants,
  demoLicenceTenants,
  LOCAL_RECONCILER_SECRET_SETTING,
  reconcilerClients,
} from '../tenants/graph/demo-licence-tenants';
import { type RunningGraphSimulator, startGraphSimulator } from '../tenants/graph/graph-simulator';
import { type RunningTenantSimulator, startTenantSimulator } from '../tenants/tenant-simulator';
import { type RunningAzurite, startAzuriteStandIn } from './azurite-stand-in';
import { LOCAL_COSMOS_KEY, type RunningCosmos, startCosmosStandIn } from './cosmos-stand-in';
import { ensureLocalCertificates, type LocalCertificates } from './local-certificates';
import { trustLocalCertificateAuthority } from './trust-local-ca';

export const LOCAL_STATE_FOLDER = join(__dirname, '..', '..', '.local');

/** Client id of the API's app registration in the simulated tenants: a fixed, public, local-only value. */
export const LOCAL_API_CLIENT_ID = '6f1c2b7e-3a4d-4e5f-9a0b-1c2d3e4f5a6b';

export type LocalStack = {
  /** Environment variables that point the app at the stand-ins started here. */
  env: Record<string, string>;
  started: string[];
  /** The simulated partner tenants, when this stack started them. */
  tenants?: { authorityHost: string; list: SimulatedTenant[]; caCertFile: string };
  /** Microsoft Graph for the demo councils' directories, when this stack started the tenants. */
  graph?: { simulator: RunningGraphSimulator; licences: DemoLicenceTenants };
  /** The Bot Connector stand-in between the demo users' Teams and the bot, when this stack started the tenants. */
  bot?: { connector: RunningBotConnector };
  stop(): Promise<void>;
};

/**
 * Starts a stand-in for each service the environment does not name: Cosmos DB (in this process, TLS with the
 * local CA) unless COSMOS_ENDPOINT is set, Azurite (child process) unless HUB_STORAGE is set, and
 * the partner councils' Microsoft Entra tenants (in this process) unless ENTRA_AUTHORITY_HOST is set.
 */
export async function startLocalStack(
  env: NodeJS.ProcessEnv,
  partnerships: readonly Partnership[],
): Promise<LocalStack> {
  let cosmos: RunningCosmos | undefined;
  let azurite: RunningAzurite | undefined;
  let simulator: RunningTenantSimulator | undefined;
  let graph: RunningGraphSimulator | undefined;
  let botConnector: RunningBotConnector | undefined;
  const stackEnv: Record<string, string> = {};
  const started: string[] = [];
  const stop = async () => {
    await Promise.allSettled([
      azurite?.stop(),
      cosmos?.close(),
      simulator?.close(),
      graph?.close(),
      botConnector?.close(),
    ]);
  };
  let certificates: LocalCertificates | undefined;
  const localCertificates = async () => {
    certificates ??= await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
    return certificates;
  };
  try {
    if (!env.COSMOS_ENDPOINT) {
      const local = await localCertificates();
      cosmos = await startCosmosStandIn(local, Number(env.LOCAL_COSMOS_PORT ?? 0));
      Object.assign(stackEnv, {
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: LOCAL_COSMOS_KEY,
        COSMOS_CA_CERT_FILE: local.caCertFile,
      });
      started.push(`Cosmos DB stand-in    ${cosmos.endpoint} (in memory, TLS by the local CA in .local/ca)`);
    }
    if (!env.HUB_STORAGE) {
      azurite = await startAzuriteStandIn();
      stackEnv.HUB_STORAGE = azurite.connectionString;
      started.push(`Azurite (storage)     ${azurite.blobEndpoint} (in memory)`);
    }
    if (!env.ENTRA_AUTHORITY_HOST) {
      const local = await localCertificates();
      const apiClientId = env.API_CLIENT_ID ?? LOCAL_API_CLIENT_ID;
      const apiAppIdUri = env.API_APP_ID_URI ?? `api://${apiClientId}`;
      const tenants = buildDemoTenants([...partnerships]);
      const licences = demoLicenceTenants(tenants, new Date());
      const reconcilerSecret = randomBytes(24).toString('base64url');
      // The bot's own tenant and app registration, unless a bot of its own is configured.
      const botSecret = env.BOT_APP_ID ? undefined : randomBytes(24).toString('base64url');
      simulator = await startTenantSimulator({
        certificates: local,
        tenants: botSecret ? [...tenants, LOCAL_BOT_TENANT] : tenants,
        api: { clientId: apiClientId, appIdUri: apiAppIdUri },
        publicClientIds: [apiClientId],
        confidentialClients: [
          ...(licences ? reconcilerClients(licences.partnerTenants, reconcilerSecret) : []),
          ...(botSecret ? [botClient(botSecret)] : []),
        ],
      });
      // The API fetches the tenants' signing keys over https: trust the local CA (in addition to the public ones).
      trustLocalCertificateAuthority(local.ca);
      Object.assign(stackEnv, { ENTRA_AUTHORITY_HOST: simulator.authorityHost, API_CLIENT_ID: apiClientId });
      started.push(`Simulated tenants     ${simulator.authorityHost} (${tenants.length} councils, in memory)`);
      if (botSecret) {
        botConnector = await startBotConnector({
          certificates: local,
          authorityHost: simulator.authorityHost,
          botAppId: LOCAL_BOT_APP_ID,
          botTenantId: LOCAL_BOT_TENANT.tenantId,
          tenants,
        });
        Object.assign(stackEnv, {
          BOT_APP_ID: LOCAL_BOT_APP_ID,
          BOT_TENANT_ID: LOCAL_BOT_TENANT.tenantId,
          [LOCAL_BOT_SECRET_SETTING]: botSecret,
          BOT_OPENID_METADATA_URL: botConnector.openIdMetadataUrl,
        });
        started.push(
          `Bot Connector         ${botConnector.baseUrl} (stands in for Teams: signs what it sends the bot)`,
        );
      }
      if (licences) {
        graph = await startGraphSimulator({
          certificates: local,
          authorityHost: simulator.authorityHost,
          population: licences.population,
          tenants: licences.graphTenants,
        });
        stackEnv[LOCAL_RECONCILER_SECRET_SETTING] = reconcilerSecret;
        const users = licences.graphTenants.reduce((sum, t) => sum + licences.population.size(t.populationIndex), 0);
        started.push(
          `Simulated Graph       ${graph.baseUrl} (${users} users in ${licences.graphTenants.length} councils)`,
        );
      }
      return {
        env: stackEnv,
        started,
        stop,
        tenants: { authorityHost: simulator.authorityHost, list: tenants, caCertFile: local.caCertFile },
        ...(graph && licences ? { graph: { simulator: graph, licences } } : {}),
        ...(botConnector ? { bot: { connector: botConnector } } : {}),
      };
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env: stackEnv, started, stop };
}
