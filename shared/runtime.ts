import type { Settings } from './config/settings';
import type { HealthProbe } from './health/check-health';
import { createBlobServiceClient } from './stores/blob/blob-client';
import { HeartbeatStore } from './stores/blob/heartbeat-store';
import { createCosmosClient } from './stores/cosmos/cosmos-client';
import { createCosmosStores } from './stores/cosmos/cosmos-stores';
import type { Stores } from './stores/stores';

/** Everything a use-case may be handed: settings and the gateways, chosen here and nowhere else. */
export type Runtime = {
  settings: Settings;
  stores: Stores;
  heartbeats: HeartbeatStore;
  probes: Record<string, HealthProbe>;
};

export function createRuntime(settings: Settings): Runtime {
  const cosmos = createCosmosClient(settings.cosmos);
  const database = cosmos.database(settings.cosmos.database);
  const blobService = createBlobServiceClient(settings.storage);
  return {
    settings,
    stores: createCosmosStores(database),
    heartbeats: new HeartbeatStore(blobService),
    probes: {
      cosmos: () => database.read(),
      storage: () => blobService.getProperties(),
    },
  };
}
