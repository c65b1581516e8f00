import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hrRowId } from '../../shared/licences/import-hr-feed';
import { licencePriceList } from '../../shared/schemas/licences';
import type { Stores } from '../../shared/stores/stores';
import {
  DEMO_LICENCE_PARTNERSHIP,
  type DemoLicenceTenants,
  demoLicenceSettings,
} from '../tenants/graph/demo-licence-tenants';

const PRICES_FILE = join(__dirname, '..', 'demo-data', 'licences', 'prices.json');

/** The demo price list: UK list prices of the SKUs the demo councils hold. */
export function demoPriceList() {
  return licencePriceList.parse(JSON.parse(readFileSync(PRICES_FILE, 'utf8')));
}

/**
 * Sets the demo partnership's reconciler up against the simulated tenants: its settings (rewritten on every start,
 * since the simulators' ports change), the demo price list and the HR feed rows the planted cases need, unless an
 * administrator already changed them.
 */
export async function seedLicenceDemo(
  stores: Pick<Stores, 'licenceSettings' | 'licencePrices' | 'hrFeed'>,
  licences: DemoLicenceTenants,
  endpoints: { authorityHost: string; graphBaseUrl: string },
): Promise<string> {
  const partnershipId = DEMO_LICENCE_PARTNERSHIP;
  const settings = {
    id: 'settings',
    partnershipId,
    sequence: 0,
    settings: demoLicenceSettings(licences.partnerTenants, endpoints),
  } as const;
  const current = await stores.licenceSettings.get(partnershipId, 'settings');
  if (current) await stores.licenceSettings.replace(settings, current.etag);
  else await stores.licenceSettings.create(settings);

  if (!(await stores.licencePrices.get(partnershipId, 'prices'))) {
    await stores.licencePrices.create({ id: 'prices', partnershipId, sequence: 0, priceList: demoPriceList() });
  }
  const importedAt = new Date().toISOString();
  await stores.hrFeed.upsertMany(
    licences.hr.map((row, sequence) => ({
      ...row,
      id: hrRowId(row),
      partnershipId,
      sequence,
      importedAt,
    })),
  );
  return `${partnershipId}: reconciler set up for ${licences.partnerTenants.length} tenants, ${licences.hr.length} HR feed rows`;
}
