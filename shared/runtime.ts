import type { Settings } from './config/settings';
import type { HealthProbe } from './health/check-health';
import { AccessTokenVerifier } from './identity/access-token-verifier';
import { CachedTenantDirectory, type TenantDirectory } from './identity/tenant-directory';
import { createBlobServiceClient } from './stores/blob/blob-client';
import { HeartbeatStore } from './stores/blob/heartbeat-store';
import { CONTAINERS } from './stores/cosmos/containers';
import { createCosmosClient } from './stores/cosmos/cosmos-client';
import { createCosmosStores } from './stores/cosmos/cosmos-stores';
import { findPartnershipByTenant } from './stores/cosmos/find-partnership-by-tenant';
import type { Stores } from './stores/stores';

/** Everything a use-case may be handed: settings and the gateways, chosen here and nowhere else. */
export type Runtime = {
  settings: Settings;
  stores: Stores;
  heartbeats: HeartbeatStore;
  probes: Record<string, HealthProbe>;
  tenants: TenantDirectory;
  tokens: AccessTokenVerifier;
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
    tenants: new CachedTenantDirectory((tenantId) =>
      findPartnershipByTenant(database.container(CONTAINERS.partnerships), tenantId),
    ),
    tokens: new AccessTokenVerifier({
      authorityHost: settings.identity.authorityHost,
      audiences: [settings.identity.apiClientId, settings.identity.apiAppIdUri],
    }),
  };
}
