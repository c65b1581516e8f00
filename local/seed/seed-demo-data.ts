import { ROLES } from '../../shared/identity/caller';
import { importPlan } from '../../shared/plan/import-plan';
import type { DemoDataset } from '../../shared/schemas/plan-import';
import type { Stores } from '../../shared/stores/stores';

export type SeedOutcome = { partnershipId: string; action: 'seeded' | 'already-present' | 're-imported' };

/**
 * Loads the demo partnerships and their plans. A partnership already in the store is left alone unless
 * `reimport` is set; importing is idempotent either way, so running this twice changes nothing.
 */
export async function seedDemoData(
  stores: Stores,
  datasets: readonly DemoDataset[],
  options: { reimport?: boolean; log?: (line: string) => void } = {},
): Promise<SeedOutcome[]> {
  const log = options.log ?? (() => {});
  const outcomes: SeedOutcome[] = [];
  for (const dataset of datasets) {
    const { partnership } = dataset;
    const present = await stores.partnerships.get(partnership.id, partnership.id);
    if (present && !options.reimport) {
      outcomes.push({ partnershipId: partnership.id, action: 'already-present' });
      continue;
    }
    if (!present) await stores.partnerships.create({ ...partnership, sequence: 0 });
    const host = partnership.partners.find((p) => p.code === partnership.hostPartnerCode) ?? partnership.partners[0];
    const seeder = {
      partnershipId: partnership.id,
      partnerCode: host?.code ?? '',
      roles: ROLES,
      tenantId: host?.tenantId ?? '',
      userId: 'system:seed',
      name: 'Demo data seeder',
    };
    for (const document of dataset.documents) {
      const result = await importPlan(stores, seeder, document);
      const written = Object.entries(result.counts)
        .map(([name, c]) => `${name} ${c.created + c.updated}/${c.created + c.updated + c.unchanged}`)
        .join(', ');
      log(`  ${partnership.id} ${result.year}: written ${written}`);
    }
    outcomes.push({ partnershipId: partnership.id, action: present ? 're-imported' : 'seeded' });
  }
  return outcomes;
}
