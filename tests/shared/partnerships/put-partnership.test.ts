import { describe, expect, it } from 'vitest';
import { putPartnership } from '../../../shared/partnerships/put-partnership';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import { threeCouncils } from '../../support/memory-partnership';

describe('putting a partnership record', () => {
  it('creates it, leaves the same record alone, and replaces it when its councils change', async () => {
    const stores = createMemoryStores();
    expect((await putPartnership(stores, threeCouncils)).outcome).toBe('created');
    expect((await putPartnership(stores, threeCouncils)).outcome).toBe('unchanged');
    const moved = threeCouncils.partners.map((p) =>
      p.code === 'CCC' ? { ...p, tenantId: '0c0c0c0c-1111-4222-8333-444444444444' } : p,
    );
    expect((await putPartnership(stores, { ...threeCouncils, partners: moved })).outcome).toBe('updated');
    const stored = await stores.partnerships.get(threeCouncils.id, threeCouncils.id);
    expect(stored?.record.partners.find((p) => p.code === 'CCC')?.tenantId).toBe(
      '0c0c0c0c-1111-4222-8333-444444444444',
    );
  });

  it('refuses a record that is not valid, naming each problem, and writes nothing', async () => {
    const stores = createMemoryStores();
    const [first, second] = threeCouncils.partners;
    if (!first || !second) throw new Error('fixture');
    const bad = {
      ...threeCouncils,
      partners: [first, { ...second, tenantId: first.tenantId }],
      hostPartnerCode: 'XYZ',
    };
    await expect(putPartnership(stores, bad)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: expect.arrayContaining([
        expect.objectContaining({ path: 'partners.1.tenantId' }),
        expect.objectContaining({ path: 'hostPartnerCode' }),
      ]),
    });
    expect(await stores.partnerships.get(threeCouncils.id, threeCouncils.id)).toBeNull();
  });
});
