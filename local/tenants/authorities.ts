import type { DemoUser, SimulatedTenant } from './demo-users';

/** Entra's pseudo-tenants of a multi-tenant app: sign-in for a user of any work tenant ('common' adds MSAs there). */
export const MULTI_TENANT_AUTHORITIES = ['organizations', 'common'] as const;

/**
 * The tenant part of a request path. `segment` is how our own endpoints name it (a tenant by its id, as Entra's
 * metadata does even when asked by domain); `tenant` is absent for organizations/common, whose users come from
 * every tenant and whose tokens each user's home tenant issues.
 */
export type Authority = { segment: string; tenant: SimulatedTenant | undefined };

export type UserOfTenant = { tenant: SimulatedTenant; user: DemoUser };

/** Finds tenants by id or domain and users by UPN, in any case, as Entra does. */
export class Authorities {
  private readonly byName = new Map<string, SimulatedTenant>();

  constructor(readonly tenants: SimulatedTenant[]) {
    for (const tenant of tenants) {
      for (const name of [tenant.tenantId.toLowerCase(), tenant.domain.toLowerCase()]) {
        if (this.byName.has(name) || isMultiTenant(name)) throw new Error(`Two simulated tenants are named ${name}`);
        this.byName.set(name, tenant);
      }
    }
  }

  resolve(name: string): Authority | undefined {
    const lower = name.toLowerCase();
    if (isMultiTenant(lower)) return { segment: lower, tenant: undefined };
    const tenant = this.byName.get(lower);
    return tenant && { segment: tenant.tenantId.toLowerCase(), tenant };
  }

  tenant(name: string): SimulatedTenant | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The tenants whose users may sign in through this authority. */
  tenantsOf(authority: Authority): SimulatedTenant[] {
    return authority.tenant ? [authority.tenant] : this.tenants;
  }

  /** A user who may sign in through this authority, with their home tenant. */
  userOf(authority: Authority, userPrincipalName: string): UserOfTenant | undefined {
    const name = userPrincipalName.toLowerCase();
    for (const tenant of this.tenantsOf(authority)) {
      const user = tenant.users.find((u) => u.userPrincipalName.toLowerCase() === name);
      if (user) return { tenant, user };
    }
    return undefined;
  }

  /** Whether tokens for a user of `home` may be asked for at this authority's token endpoint. */
  serves(authority: Authority, home: SimulatedTenant): boolean {
    return !authority.tenant || authority.tenant.tenantId.toLowerCase() === home.tenantId.toLowerCase();
  }
}

function isMultiTenant(name: string): boolean {
  return (MULTI_TENANT_AUTHORITIES as readonly string[]).includes(name);
}
