/**
 * One account as the reconciler keeps it: only the fields it needs, trimmed from Graph's user, so that 100,000
 * users per tenant stay small in memory.
 */
export type LicensedAccount = {
  tenantId: string;
  partnerCode: string;
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  /** Primary address and proxy addresses, lower case, without the smtp: prefix. */
  emails: string[];
  employeeId: string | null;
  onPremisesImmutableId: string | null;
  accountEnabled: boolean;
  /** SKU ids of the account's licences. */
  skuIds: string[];
  employeeLeaveDateTime: string | null;
  /** Last successful sign-in (Graph's lastSuccessfulSignInDateTime), once the sign-in pass read it; else undefined. */
  lastSignInDateTime?: string | null;
};

/** A stable key for an account across runs. */
export const accountKey = (account: Pick<LicensedAccount, 'tenantId' | 'id'>) => `${account.tenantId}/${account.id}`;

/** Graph's primary mail and proxyAddresses as a set of comparable addresses. */
export function normalisedEmails(mail: string | null | undefined, proxyAddresses: readonly string[] = []): string[] {
  const addresses = new Set<string>();
  if (mail) addresses.add(mail.trim().toLowerCase());
  for (const proxy of proxyAddresses) {
    const match = /^smtp:(.+)$/i.exec(proxy.trim());
    if (match?.[1]) addresses.add(match[1].toLowerCase());
  }
  return [...addresses];
}

/** A person's name reduced for comparison: case, accents, punctuation and order of words do not matter. */
export function normalisedName(account: Pick<LicensedAccount, 'displayName' | 'givenName' | 'surname'>): string | null {
  const full = account.givenName && account.surname ? `${account.givenName} ${account.surname}` : account.displayName;
  // Most names are plain ASCII; only the others need decomposing to drop their accents.
  const plain = /^[\x20-\x7e]*$/.test(full) ? full : full.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = plain
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((word) => word.length > 1);
  return words.length >= 2 ? words.sort().join(' ') : null;
}
