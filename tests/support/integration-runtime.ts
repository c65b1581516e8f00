import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { LOCAL_COSMOS_KEY } from '../../local/stack/cosmos-stand-in';
import { LOCAL_API_CLIENT_ID } from '../../local/stack/local-stack';
import { loadSettings, type Settings } from '../../shared/config/settings';
import { createRuntime, type Runtime } from '../../shared/runtime';
import { createCosmosClient, provisionCosmos } from '../../shared/stores/cosmos/cosmos-client';

/** Environment pointing at the run's stand-ins, with a database of its own so test files never share data. */
export function integrationEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    HUB_ENVIRONMENT: 'development',
    COSMOS_ENDPOINT: inject('cosmosEndpoint'),
    COSMOS_KEY: LOCAL_COSMOS_KEY,
    COSMOS_CA_CERT_FILE: inject('cosmosCaCertFile'),
    COSMOS_DATABASE: `test-${randomUUID().slice(0, 8)}`,
    HUB_STORAGE: inject('storageConnectionString'),
    API_CLIENT_ID: LOCAL_API_CLIENT_ID,
    LICENCE_RUN_QUEUE: `licence-runs-${randomUUID().slice(0, 8)}`,
    ...overrides,
  };
}

/** A runtime over the real SDKs against the stand-ins, with its database and containers created. */
export async function createIntegrationRuntime(env = integrationEnv()): Promise<Runtime> {
  const settings: Settings = loadSettings(env);
  await provisionCosmos(createCosmosClient(settings), settings.cosmos.database);
  return createRuntime(settings);
}
