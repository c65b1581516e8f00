import { POPULATION_SKUS, Population, type SimulatedGraphUser } from '../local/tenants/graph/population';

/**
 * A population that keeps each user once computed. The simulated Graph derives every user from a SHA-256 on each
 * request, and counts all of a tenant's users for `$count` and for each SKU's consumed units: CPU that real Graph
 * spends on other machines. Cached, the simulator's time per page is mostly serialising, so the benchmark's wall
 * time is the 100 ms per page it simulates plus what the reconciler itself costs.
 */
export class CachedPopulation extends Population {
  private readonly cache = new Map<number, SimulatedGraphUser[]>();

  override userAt(tenantIndex: number, i: number): SimulatedGraphUser {
    let users = this.cache.get(tenantIndex);
    if (!users) {
      users = [];
      this.cache.set(tenantIndex, users);
    }
    let user = users[i];
    if (!user) {
      user = super.userAt(tenantIndex, i);
      users[i] = user;
    }
    return user;
  }

  override change(tenantIndex: number, i: number, patch: Partial<SimulatedGraphUser>): void {
    super.change(tenantIndex, i, patch);
    const users = this.cache.get(tenantIndex);
    if (users) delete users[i];
  }

  /** Computes every user now, so the first scan is not the one that pays for it. */
  warm(): void {
    this.tenants.forEach((_, index) => {
      for (let i = 0; i < this.size(index); i++) this.userAt(index, i);
    });
  }
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Changes `percent` of a tenant's generated users, spread evenly through it, as a month of a council's directory
 * changes: in turn a new licence (E5 added, or E3 for someone unlicensed), all licences removed, and a leave date
 * a week ago. Returns how many users changed.
 */
export function applyChanges(population: Population, tenantIndex: number, percent: number, now: Date): number {
  const total = population.size(tenantIndex);
  const planted = total - (population.tenants[tenantIndex]?.size ?? 0);
  const count = Math.round(((total - planted) * percent) / 100);
  if (count === 0) return 0;
  const step = Math.floor((total - planted) / count);
  const leaveDate = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  for (let k = 0; k < count; k++) {
    const position = planted + k * step + (k % step);
    const user = population.userAt(tenantIndex, position);
    const kind = k % 3;
    if (kind === 0) {
      const added = user.assignedLicenses.length > 0 ? POPULATION_SKUS.e5 : POPULATION_SKUS.e3;
      population.change(tenantIndex, position, {
        assignedLicenses: [...user.assignedLicenses, { skuId: added, disabledPlans: [] }],
      });
    } else if (kind === 1) population.change(tenantIndex, position, { assignedLicenses: [] });
    else population.change(tenantIndex, position, { employeeLeaveDateTime: leaveDate });
  }
  return count;
}
