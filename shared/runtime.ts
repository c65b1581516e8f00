import { type BotGateway, createBotGateway } from './bot/bot-gateway';
import type { Settings } from './config/settings';
import { createSeatDirectory } from './graph/graph-seat-directory';
import type { HealthProbe } from './health/check-health';
import { AccessTokenVerifier } from './identity/access-token-verifier';
import { CachedTenantDirectory, type TenantDirectory } from './identity/tenant-directory';
import type { LicenceFiles } from './licences/gateways';
import type { ReconcilerDeps } from './licences/reconciler-deps';
import { createBlobServiceClient } from './stores/blob/blob-client';
import { HeartbeatStore } from './stores/blob/heartbeat-store';
import { BlobLicenceFiles } from './stores/blob/licence-files';
import { BlobRunLease } from './stores/blob/run-lease';
import { withReadCache } from './stores/cached/with-read-cache';
import { CONTAINERS } from './stores/cosmos/containers';
import { createCosmosClient } from './stores/cosmos/cosmos-client';
import { createCosmosStores } from './stores/cosmos/cosmos-stores';
import { findPartnershipByTenant } from './stores/cosmos/find-partnership-by-tenant';
import { findPartnershipIds } from './stores/cosmos/find-partnership-ids';
import { findReconciledPartnerships } from './stores/cosmos/find-reconciled-partnerships';
import { findTolerationPartnerships } from './stores/cosmos/find-toleration-partnerships';
import { createRunQueue } from './stores/queue/storage-run-queue';
import type { Stores } from './stores/stores';

/** Everything a use-case may be handed: settings and the gateways, chosen here and nowhere else. */
export type Runtime = {
  settings: Settings;
  stores: Stores;
  heartbeats: HeartbeatStore;
  probes: Record<string, HealthProbe>;
  tenants: TenantDirectory;
  tokens: AccessTokenVerifier;
  /** The Teams bot; undefined while no bot is configured (BOT_APP_ID). */
  bot: BotGateway | undefined;
  licenceFiles: LicenceFiles;
  /** The licence reconciler's stores and gateways; `log` goes to the console unless a function passes its own. */
  reconciler: ReconcilerDeps;
  /** Partnerships with reconciler settings: the ones the schedule runs. */
  reconciledPartnerships(): Promise<string[]>;
  /** Partnerships with a standing risk toleration: the ones the daily toleration review has work in. */
  tolerationPartnerships(): Promise<string[]>;
  /** Every partnership: the card outbox timer works through them all. */
  partnershipIds(): Promise<string[]>;
};

export function createRuntime(settings: Settings): Runtime {
  const cosmos = createCosmosClient(settings);
  const database = cosmos.database(settings.cosmos.database);
  const blobService = createBlobServiceClient(settings);
  const stores = withReadCache(createCosmosStores(database), settings.readCacheSeconds * 1000);
  const licenceFiles = new BlobLicenceFiles(blobService);
  const tenants = new CachedTenantDirectory((tenantId) =>
    findPartnershipByTenant(database.container(CONTAINERS.partnerships), tenantId),
  );
  return {
    settings,
    stores,
    licenceFiles,
    reconciler: {
      stores,
      files: licenceFiles,
      lease: new BlobRunLease(blobService),
      queue: createRunQueue(settings),
      directoryFor: (connection) => createSeatDirectory(connection, process.env),
      now: () => new Date(),
      log: (message) => console.log(`[licences] ${message}`),
      environment: settings.environment,
    },
    reconciledPartnerships: () => findReconciledPartnerships(database.container(CONTAINERS.licenceConfig)),
    tolerationPartnerships: () => findTolerationPartnerships(database.container(CONTAINERS.riskTolerations)),
    partnershipIds: () => findPartnershipIds(database.container(CONTAINERS.partnerships)),
    heartbeats: new HeartbeatStore(blobService),
    probes: {
      cosmos: () => database.read(),
      storage: () => blobService.getProperties(),
    },
    tenants,
    bot: createBotGateway(settings, { stores, tenants }),
    tokens: new AccessTokenVerifier({
      authorityHost: settings.identity.authorityHost,
      audiences: [settings.identity.apiClientId, settings.identity.apiAppIdUri],
    }),
  };
}
