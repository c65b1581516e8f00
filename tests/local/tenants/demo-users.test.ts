import { describe, expect, it } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { buildDemoTenants, type SimulatedTenant } from '../../../local/tenants/demo-users';
import { ROLES, type Role } from '../../../shared/identity/caller';

const partnerships = loadDemoDatasets().map((dataset) => dataset.partnership);
const tenants = buildDemoTenants(partnerships);
const users = tenants.flatMap((tenant) => tenant.users);
const has = (tenant: SimulatedTenant, role: Role) => tenant.users.some((user) => user.roles.includes(role));

describe('demo tenants', () => {
  it('gives every partner of both demo partnerships its own tenant, with the partner tenant id', () => {
    expect(partnerships.map((p) => p.partnershipId).sort()).toEqual(['3c-ict', 'cambs-pboro']);
    for (const partnership of partnerships) {
      for (const partner of partnership.partners) {
        const tenant = tenants.find(
          (t) => t.partnershipId === partnership.partnershipId && t.partnerCode === partner.code,
        );
        expect(tenant?.tenantId, `${partnership.partnershipId}/${partner.code}`).toBe(partner.tenantId.toLowerCase());
        expect(tenant?.displayName).toBe(partner.name);
      }
    }
    expect(tenants).toHaveLength(5);
    expect(Object.fromEntries(tenants.map((t) => [`${t.partnershipId}/${t.partnerCode}`, t.domain]))).toEqual({
      '3c-ict/CCC': 'cambridge.example',
      '3c-ict/HDC': 'huntingdonshire.example',
      '3c-ict/SCDC': 'scambs.example',
      'cambs-pboro/CCC': 'cambridgeshire.example',
      'cambs-pboro/PCC': 'peterborough.example',
    });
  });

  it('gives every council a staff-only user, a risk approver and a bid approver', () => {
    for (const tenant of tenants) {
      expect(
        tenant.users.some((u) => u.roles.length === 1 && u.roles[0] === 'staff'),
        tenant.domain,
      ).toBe(true);
      expect(has(tenant, 'risk-approver'), tenant.domain).toBe(true);
      expect(has(tenant, 'bid-approver'), tenant.domain).toBe(true);
    }
  });

  it('gives each partnership a partnership admin', () => {
    for (const partnership of partnerships) {
      const own = tenants.filter((t) => t.partnershipId === partnership.partnershipId);
      expect(
        own.some((t) => has(t, 'partnership-admin')),
        partnership.partnershipId,
      ).toBe(true);
    }
  });

  it('makes every user staff, with only the product role ids, in their own tenant', () => {
    for (const tenant of tenants) {
      for (const user of tenant.users) {
        expect(user.roles[0]).toBe('staff');
        expect(user.roles.every((role) => ROLES.includes(role))).toBe(true);
        expect(user.userPrincipalName.endsWith(`@${tenant.domain}`)).toBe(true);
        expect([user.tenantId, user.partnershipId, user.partnerCode]).toEqual([
          tenant.tenantId,
          tenant.partnershipId,
          tenant.partnerCode,
        ]);
      }
    }
    const sam = users.find((u) => u.userPrincipalName === 'sam.smith@huntingdonshire.example');
    expect(sam).toMatchObject({ displayName: 'Sam Smith', jobTitle: 'Head of 3C ICT Shared Service' });
    expect(sam?.roles).toEqual(['staff', 'partnership-admin']);
    const lee = users.find((u) => u.userPrincipalName === 'lee.hunt@huntingdonshire.example');
    expect(lee).toMatchObject({ displayName: 'Lee Hunt', jobTitle: 'IT Service Desk Manager', partnerCode: 'HDC' });
    expect(lee?.roles).toEqual(['staff', 'service-desk']);
    expect(users.filter((u) => u.roles.includes('service-desk')).map((u) => u.userPrincipalName)).toEqual([
      'lee.hunt@huntingdonshire.example',
    ]);
  });

  it('has unique UPNs and object ids, stable across calls', () => {
    expect(users).toHaveLength(15);
    expect(new Set(users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(users.length);
    expect(new Set(users.map((u) => u.objectId)).size).toBe(users.length);
    for (const user of users) {
      expect(user.objectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const again = buildDemoTenants(partnerships).flatMap((tenant) => tenant.users);
    expect(again.map((u) => u.objectId)).toEqual(users.map((u) => u.objectId));
  });

  it('gives a partner the demo directory does not know an empty tenant', () => {
    const [other] = buildDemoTenants([
      {
        ...(partnerships[0] as (typeof partnerships)[number]),
        id: 'test-p',
        partnershipId: 'test-p',
      },
    ]);
    expect(other).toMatchObject({ partnershipId: 'test-p', domain: 'ccc.test-p.example', users: [] });
  });
});
