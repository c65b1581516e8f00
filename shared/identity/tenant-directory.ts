import type { Partnership } from '../schemas/partnership';

/** Finds the partnership a Microsoft Entra tenant belongs to: the only source of a caller's partnership. */
export interface TenantDirectory {
  partnershipOf(tenantId: string): Promise<Partnership | null>;
}

const FOUND_TTL_MS = 5 * 60_000;
const MISSING_TTL_MS = 30_000;

/**
 * Caches a tenant lookup. Every request needs it, and partnerships change rarely; unknown tenants are cached
 * briefly too, so a flood of foreign tokens does not become a flood of queries.
 */
export class CachedTenantDirectory implements TenantDirectory {
  private readonly cache = new Map<string, { partnership: Partnership | null; until: number }>();

  constructor(
    private readonly lookup: (tenantId: string) => Promise<Partnership | null>,
    private readonly now: () => number = Date.now,
  ) {}

  async partnershipOf(tenantId: string): Promise<Partnership | null> {
    const key = tenantId.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.partnership;
    const partnership = await this.lookup(key);
    this.cache.set(key, { partnership, until: this.now() + (partnership ? FOUND_TTL_MS : MISSING_TTL_MS) });
    return partnership;
  }
}
