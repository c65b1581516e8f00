import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTabBuilt } from '../../local/host/tab-files';
import { startAzuriteStandIn } from '../../local/stack/azurite-stand-in';
import { startCosmosStandIn } from '../../local/stack/cosmos-stand-in';
import { ensureLocalCertificates } from '../../local/stack/local-certificates';
import { LOCAL_STATE_FOLDER } from '../../local/stack/local-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    cosmosEndpoint: string;
    cosmosCaCertFile: string;
    storageConnectionString: string;
  }
}

/**
 * Starts one Cosmos DB stand-in and one Azurite for the whole run; each test file uses its own database. Builds the
 * tab once first, so the test files that run `npm start` side by side never rebuild it at the same time.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureTabBuilt(() => {});
  const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
  const cosmos = await startCosmosStandIn(certificates);
  const azurite = await startAzuriteStandIn();
  project.provide('cosmosEndpoint', cosmos.endpoint);
  project.provide('cosmosCaCertFile', certificates.caCertFile);
  project.provide('storageConnectionString', azurite.connectionString);
  return async () => {
    await azurite.stop();
    await cosmos.close();
  };
}
