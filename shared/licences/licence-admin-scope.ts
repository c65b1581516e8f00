import { forbidden, invalidInput } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { Partner, Partnership } from '../schemas/partnership';
import type { Stores } from '../stores/stores';

/** An account key as the reconciler builds it: `tenantId/userId`, both GUIDs. */
const ACCOUNT_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/**
 * Licence data is kept by the councils' licence administrators and the shared service's administrator; nobody
 * else reads or writes it, because it names people and what their seats cost.
 */
export function requireLicenceAdmin(caller: Caller): void {
  requireRole(caller, 'licence-admin', 'partnership-admin');
}

/** The shared service's administrator acts for every council; a licence administrator only for their own. */
export const actsForEveryCouncil = (caller: Caller) => caller.roles.includes('partnership-admin');

/** True when the caller may see or change a record about accounts of these councils. */
export function mayActFor(caller: Caller, partnerCodes: readonly string[]): boolean {
  return actsForEveryCouncil(caller) || partnerCodes.includes(caller.partnerCode);
}

/** Throws 403 unless the caller may act for one of these councils. */
export function requireActFor(caller: Caller, partnerCodes: readonly string[], what: string): void {
  if (!mayActFor(caller, partnerCodes)) {
    throw forbidden(
      `A licence administrator of ${caller.partnerCode} may only ${what} when one of the accounts is in ` +
        `${caller.partnerCode}'s tenant; this names ${partnerCodes.join(' and ')}.`,
    );
  }
}

/** Keys compare in lower case: Graph writes GUIDs in lower case, people may paste them in upper case. */
export const canonicalAccountKey = (key: string) => key.trim().toLowerCase();

/** The councils of a partnership by their tenant ids, to tell whose an account key is. */
export class PartnerTenants {
  private readonly byTenant: Map<string, Partner>;

  constructor(readonly partnership: Partnership) {
    this.byTenant = new Map(partnership.partners.map((p) => [p.tenantId.toLowerCase(), p]));
  }

  static async of(stores: Pick<Stores, 'partnerships'>, caller: Caller): Promise<PartnerTenants> {
    return new PartnerTenants(await findPartnership(stores, caller.partnershipId));
  }

  /** The council whose tenant holds the account, or undefined when the account is in no tenant of the partnership. */
  partnerOf(accountKey: string): Partner | undefined {
    return this.byTenant.get(canonicalAccountKey(accountKey).split('/')[0] ?? '');
  }

  /**
   * The council of each account key, in order; a malformed key or one in a tenant outside the partnership is a
   * 400 naming it under `path`, since the reconciler would never see such an account.
   */
  councilsOf(keys: readonly string[], path: string): string[] {
    const problems = keys.flatMap((key, index) => {
      const where = keys.length > 1 ? `${path}.${index}` : path;
      if (!ACCOUNT_KEY.test(canonicalAccountKey(key)))
        return [{ path: where, message: `"${key}" is not an account key (tenantId/userId)` }];
      if (!this.partnerOf(key))
        return [{ path: where, message: `"${key}" is in a tenant that is not a council of ${this.partnership.name}` }];
      return [];
    });
    if (problems.length > 0)
      throw invalidInput("Name accounts in the tenants of this partnership's councils.", problems);
    return keys.map((key) => this.partnerOf(key)?.code as string);
  }
}
