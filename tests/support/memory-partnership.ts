import { type Caller, ROLES, type Role } from '../../shared/identity/caller';
import type { Partnership } from '../../shared/schemas/partnership';
import { createMemoryStores } from '../../shared/stores/memory/memory-stores';
import type { Stores } from '../../shared/stores/stores';

export const threeCouncils: Partnership = {
  id: 'p3',
  partnershipId: 'p3',
  name: 'Three Councils',
  sharedServiceName: 'Shared IT',
  hostPartnerCode: 'HDC',
  partners: [
    {
      code: 'CCC',
      name: 'Cambridge City Council',
      shortName: 'City',
      tenantId: '3c1c0001-0000-4000-8000-000000000001',
    },
    { code: 'HDC', name: 'Huntingdonshire DC', shortName: 'HDC', tenantId: '3c1c0002-0000-4000-8000-000000000002' },
    {
      code: 'SCDC',
      name: 'South Cambridgeshire DC',
      shortName: 'SCDC',
      tenantId: '3c1c0003-0000-4000-8000-000000000003',
    },
  ],
};

export function callerOf(partnerCode: string, roles: readonly Role[] = ROLES, partnershipId = 'p3'): Caller {
  const tenantId = threeCouncils.partners.find((p) => p.code === partnerCode)?.tenantId ?? 'other-tenant';
  return { partnershipId, partnerCode, roles, tenantId, userId: `user-${partnerCode}`, name: `User of ${partnerCode}` };
}

/** In-memory stores holding one partnership of three councils. */
export async function storesWithPartnership(): Promise<Stores> {
  const stores = createMemoryStores();
  await stores.partnerships.create({ ...threeCouncils, sequence: 0 });
  return stores;
}
