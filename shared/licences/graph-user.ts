import { type LicensedAccount, normalisedEmails } from './licensed-account';

/** The user fields the seat scan asks Graph for: only what the reconciler reads. */
export const SEAT_SCAN_FIELDS = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'userPrincipalName',
  'mail',
  'proxyAddresses',
  'employeeId',
  'onPremisesImmutableId',
  'userType',
  'accountEnabled',
  'assignedLicenses',
  'employeeLeaveDateTime',
] as const;

/** A user as Graph returns it for the seat scan's `$select`. */
export type GraphUser = {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  proxyAddresses?: string[] | null;
  employeeId?: string | null;
  onPremisesImmutableId?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
  assignedLicenses?: { skuId: string; disabledPlans?: string[] }[] | null;
  employeeLeaveDateTime?: string | null;
};

const skuLists = new Map<string, readonly string[]>();

/**
 * One array per distinct set of SKUs, shared by every account holding it: a council's 50,000 seats hold a handful
 * of combinations, and an array and its id strings per seat were tens of megabytes. Never mutate `skuIds`.
 */
function sharedSkuList(skuIds: string[]): string[] {
  const key = skuIds.join(',');
  let shared = skuLists.get(key);
  if (!shared) {
    shared = skuIds;
    if (skuLists.size < 10_000) skuLists.set(key, shared);
  }
  return shared as string[];
}

/**
 * Trims a Graph user to the account the reconciler keeps, or null when it is not a seat: guests are not seats
 * (their licences, if any, are the inviting tenant's concern), and neither are accounts without licences.
 */
export function toLicensedAccount(
  user: GraphUser,
  tenant: { tenantId: string; partnerCode: string },
): LicensedAccount | null {
  if (user.userType === 'Guest') return null;
  const skuIds = sharedSkuList((user.assignedLicenses ?? []).map((licence) => licence.skuId.toLowerCase()));
  if (skuIds.length === 0) return null;
  return {
    tenantId: tenant.tenantId,
    partnerCode: tenant.partnerCode,
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName ?? user.id,
    givenName: user.givenName ?? null,
    surname: user.surname ?? null,
    userPrincipalName: user.userPrincipalName ?? '',
    emails: normalisedEmails(user.mail, user.proxyAddresses ?? []),
    employeeId: user.employeeId?.trim() || null,
    onPremisesImmutableId: user.onPremisesImmutableId ?? null,
    accountEnabled: user.accountEnabled !== false,
    skuIds,
    employeeLeaveDateTime: user.employeeLeaveDateTime ?? null,
  };
}
