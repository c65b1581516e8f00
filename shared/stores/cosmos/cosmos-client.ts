import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { CosmosClient, type Database } from '@azure/cosmos';
import type { Settings } from '../../config/settings';
import { azureCredential } from '../azure-credential';
import { CONTAINERS, PARTITION_KEY_PATH } from './containers';

/**
 * One client per process: it keeps a connection pool, and cold start is the first thing a Teams user waits for.
 * A local CA file is trusted for this client only, never process-wide.
 */
export function createCosmosClient(settings: Pick<Settings, 'cosmos' | 'environment' | 'azureIdentity'>): CosmosClient {
  const { cosmos } = settings;
  const agent = new Agent({
    keepAlive: true,
    ...(cosmos.caCertFile ? { ca: readFileSync(cosmos.caCertFile) } : {}),
  });
  return new CosmosClient({
    endpoint: cosmos.endpoint,
    // The key is the local stand-in's; in Azure the account's local auth is off and the identity has a data role.
    ...(cosmos.key ? { key: cosmos.key } : { aadCredentials: azureCredential(settings) }),
    agent,
    connectionPolicy: { enableEndpointDiscovery: !cosmos.caCertFile },
  });
}

/**
 * Creates the database and containers when missing. Used by the local stack and tests; in Azure the
 * infrastructure templates create them, since the app's identity has data-plane rights only.
 */
export async function provisionCosmos(client: CosmosClient, databaseId: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const id of Object.values(CONTAINERS)) {
    await database.containers.createIfNotExists({ id, partitionKey: { paths: [PARTITION_KEY_PATH] } });
  }
  return database;
}
