import { join } from 'node:path';
import { type RunningAzurite, startAzuriteStandIn } from './azurite-stand-in';
import { LOCAL_COSMOS_KEY, type RunningCosmos, startCosmosStandIn } from './cosmos-stand-in';
import { ensureLocalCertificates } from './local-certificates';

export const LOCAL_STATE_FOLDER = join(__dirname, '..', '..', '.local');

export type LocalStack = {
  /** Environment variables that point the app at the stand-ins started here. */
  env: Record<string, string>;
  started: string[];
  stop(): Promise<void>;
};

/**
 * Starts a stand-in for each service the environment does not name: Cosmos DB (in this process, TLS with the
 * local CA) unless COSMOS_ENDPOINT is set, Azurite (child process) unless STORAGE_CONNECTION_STRING is set.
 */
export async function startLocalStack(env: NodeJS.ProcessEnv): Promise<LocalStack> {
  let cosmos: RunningCosmos | undefined;
  let azurite: RunningAzurite | undefined;
  const stackEnv: Record<string, string> = {};
  const started: string[] = [];
  const stop = async () => {
    await Promise.allSettled([azurite?.stop(), cosmos?.close()]);
  };
  try {
    if (!env.COSMOS_ENDPOINT) {
      const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
      cosmos = await startCosmosStandIn(certificates, Number(env.LOCAL_COSMOS_PORT ?? 0));
      Object.assign(stackEnv, {
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: LOCAL_COSMOS_KEY,
        COSMOS_CA_CERT_FILE: certificates.caCertFile,
      });
      started.push(`Cosmos DB stand-in   ${cosmos.endpoint} (in memory, TLS by the local CA in .local/ca)`);
    }
    if (!env.STORAGE_CONNECTION_STRING) {
      azurite = await startAzuriteStandIn();
      stackEnv.STORAGE_CONNECTION_STRING = azurite.connectionString;
      started.push(`Azurite (storage)    ${azurite.blobEndpoint} (in memory)`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env: stackEnv, started, stop };
}
