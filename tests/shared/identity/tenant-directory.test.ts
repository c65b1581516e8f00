import { describe, expect, it } from 'vitest';
import { CachedTenantDirectory } from '../../../shared/identity/tenant-directory';
import { threeCouncils } from '../../support/memory-partnership';

describe('CachedTenantDirectory', () => {
  it('asks the store once per tenant while the answer is fresh, and again after it expires', async () => {
    let now = 0;
    const asked: string[] = [];
    const directory = new CachedTenantDirectory(
      async (tenantId) => {
        asked.push(tenantId);
        return threeCouncils.partners.some((p) => p.tenantId === tenantId) ? threeCouncils : null;
      },
      () => now,
    );
    const hdc = '3c1c0002-0000-4000-8000-000000000002';
    expect((await directory.partnershipOf(hdc.toUpperCase()))?.id).toBe('p3');
    expect((await directory.partnershipOf(hdc))?.id).toBe('p3');
    expect(asked).toEqual([hdc]);

    expect(await directory.partnershipOf('0b5de000-0000-4000-8000-0000000000ff')).toBeNull();
    now += 10_000;
    expect(await directory.partnershipOf('0b5de000-0000-4000-8000-0000000000ff')).toBeNull();
    expect(asked).toHaveLength(2);

    now += 5 * 60_000;
    await directory.partnershipOf(hdc);
    await directory.partnershipOf('0b5de000-0000-4000-8000-0000000000ff');
    expect(asked).toHaveLength(4);
  });
});
