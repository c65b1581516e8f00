import { ConfigurationError, loadSettings } from '../shared/config/settings';
import { createRuntime } from '../shared/runtime';
import { createCosmosClient, provisionCosmos } from '../shared/stores/cosmos/cosmos-client';
import { loadDemoDatasets } from './seed/demo-datasets';
import { seedDemoData } from './seed/seed-demo-data';

/** `npm run seed`: re-imports the demo datasets into the configured Cosmos DB (development only). */
async function main(): Promise<void> {
  const settings = loadSettings();
  if (settings.environment !== 'development')
    throw new ConfigurationError(['HUB_ENVIRONMENT: seeding demo data is for development only']);
  await provisionCosmos(createCosmosClient(settings), settings.cosmos.database);
  const outcomes = await seedDemoData(createRuntime(settings).stores, loadDemoDatasets(), {
    reimport: true,
    log: console.log,
  });
  for (const outcome of outcomes) console.log(`${outcome.partnershipId}: ${outcome.action}`);
}

main().catch((error) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
