import { forbidden } from '../errors';

export const ROLES = [
  'staff',
  'risk-approver',
  'bid-approver',
  'finance-approver',
  'licence-admin',
  'service-desk',
  'partnership-admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as verified by the HTTP edge. Use-cases take the partnership and council from here,
 * never from the request body.
 */
export type Caller = {
  partnershipId: string;
  partnerCode: string;
  roles: readonly Role[];
  /** The caller's Microsoft Entra tenant, directory object id and display name, for audit. */
  tenantId: string;
  userId: string;
  name: string;
};

/** Keeps the role names the product knows, dropping any other app role a token carries. */
export function knownRoles(values: readonly string[]): Role[] {
  return ROLES.filter((role) => values.includes(role));
}

/** Throws 403 unless the caller holds one of the roles. */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!roles.some((role) => caller.roles.includes(role))) {
    throw forbidden(`This needs the ${roles.join(' or ')} role.`);
  }
}
