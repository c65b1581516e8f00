import { DomainError, forbidden, invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { StarterCheckInput } from '../schemas/licences';
import type { Stores } from '../stores/stores';
import { licenceScope } from './finding-access';
import type { LicenceFiles } from './gateways';
import { latestSucceededRun } from './latest-run';
import { type LicensedAccount, normalisedName } from './licensed-account';
import { annualCostPence, type PriceList, paidSkus } from './price-list';

export type StarterMatch = 'employee-id' | 'email' | 'name';

/** A seat the starter holds already in another council's tenant, matched by employee id or email. */
export type StarterSeat = {
  partnerCode: string;
  userPrincipalName: string;
  displayName: string;
  /** The paid SKUs on the account; its SKU ids when the partnership has no price list to name them. */
  skuPartNumbers: string[];
  annualCostPence: number;
  matchedOn: 'employee-id' | 'email';
  confidence: 'high' | 'medium';
};

/**
 * Someone at another council with the starter's name and a seat, but neither their employee id nor email: only
 * possibly the starter. A name is all anyone checking starters would need to learn about another council's staff,
 * so the answer names the council alone, never the account, its licences or cost; its licence administrator can
 * say whether it is the same person.
 */
export type PossibleStarterSeat = {
  partnerCode: string;
  matchedOn: 'name';
  confidence: 'possible';
};

export type StarterCheck = {
  checkedAt: string;
  /** The council about to license the starter. */
  partnerCode: string;
  basedOnRunId: string;
  basedOnRunFinishedAt: string | null;
  /** Definite matches first; at most one possible (name-only) entry per council. */
  seats: (StarterSeat | PossibleStarterSeat)[];
  /** What the seats matched by employee id or email already cost a year: what a new seat would duplicate. */
  annualCostPence: number;
  /** Other councils whose seats the run left no snapshot of, so they could not be checked. */
  notChecked: string[];
  advice: string;
};

const CONFIDENCE: Record<StarterSeat['matchedOn'], StarterSeat['confidence']> = {
  'employee-id': 'high',
  email: 'medium',
};
const STRENGTH: StarterMatch[] = ['employee-id', 'email', 'name'];

/**
 * Before a council buys a seat for a starter, checks whether the same person already holds one in another council
 * of the partnership, where guest access or moving the seat would do. It reads the seat snapshots of the newest
 * succeeded run rather than Graph, so it answers in a moment and puts no load on the councils' tenants; the
 * answer says which run it rests on. A licence administrator checks for their own council, the partnership's
 * administrator for any.
 */
export async function checkStarter(
  stores: Pick<Stores, 'partnerships' | 'licenceRuns' | 'licencePrices'>,
  files: Pick<LicenceFiles, 'readSnapshot'>,
  caller: Caller,
  input: StarterCheckInput,
  now: () => Date = () => new Date(),
): Promise<StarterCheck> {
  const scope = licenceScope(caller);
  const target = input.partnerCode ?? caller.partnerCode;
  if (scope.kind === 'council' && target !== scope.partnerCode) {
    throw forbidden(`A licence administrator checks starters for their own council (${scope.partnerCode}) only.`);
  }
  const partnership = await findPartnership(stores, caller.partnershipId);
  if (!partnership.partners.some((partner) => partner.code === target)) {
    throw invalidInput(`There is no council ${target} in this partnership.`, [
      { path: 'partnerCode', message: `not a council of ${partnership.name}` },
    ]);
  }
  const run = await latestSucceededRun(stores.licenceRuns, caller.partnershipId);
  if (!run) {
    throw new DomainError(
      'conflict',
      'The starter check cannot be made yet: no licence reconciliation has succeeded for this partnership. ' +
        'Run one, then check again.',
    );
  }
  const prices = (await stores.licencePrices.get(caller.partnershipId, 'prices'))?.record.priceList ?? null;

  const others = partnership.partners.map((partner) => partner.code).filter((code) => code !== target);
  const snapshots = await Promise.all(
    others.map(async (code) => {
      const state = run.tenantState.find((tenant) => tenant.partnerCode === code);
      return { code, accounts: state ? await files.readSnapshot(state.snapshot) : null };
    }),
  );
  const matcher = starterMatcher(input);
  const definite: StarterSeat[] = [];
  const possibleAt = new Set<string>();
  for (const account of snapshots.flatMap(({ accounts }) => accounts ?? [])) {
    if (prices ? paidSkus(prices, account.skuIds).length === 0 : account.skuIds.length === 0) continue;
    const matchedOn = matcher(account);
    if (matchedOn === 'name') possibleAt.add(account.partnerCode);
    else if (matchedOn) definite.push(seatOf(account, matchedOn, prices));
  }
  definite.sort(
    (a, b) =>
      STRENGTH.indexOf(a.matchedOn) - STRENGTH.indexOf(b.matchedOn) || a.partnerCode.localeCompare(b.partnerCode),
  );
  const possible = [...possibleAt]
    .sort()
    .map((partnerCode): PossibleStarterSeat => ({ partnerCode, matchedOn: 'name', confidence: 'possible' }));
  const notChecked = snapshots.filter((snapshot) => snapshot.accounts === null).map((snapshot) => snapshot.code);
  const annualCost = definite.reduce((sum, seat) => sum + seat.annualCostPence, 0);

  return {
    checkedAt: now().toISOString(),
    partnerCode: target,
    basedOnRunId: run.id,
    basedOnRunFinishedAt: run.finishedAt,
    seats: [...definite, ...possible],
    annualCostPence: annualCost,
    notChecked,
    advice: advise({
      starter: input.name,
      target,
      definite,
      possible,
      checked: others.filter((code) => !notChecked.includes(code)),
      notChecked,
      asOf: run.finishedAt,
      prices,
    }),
  };
}

/** Employee id (trimmed, any case) is strongest, then any of the account's addresses, then the name alone. */
function starterMatcher(input: StarterCheckInput): (account: LicensedAccount) => StarterMatch | null {
  const employeeId = input.employeeId?.trim().toUpperCase() || null;
  const email = input.email?.trim().toLowerCase() || null;
  const name = normalisedName({ displayName: input.name, givenName: null, surname: null });
  return (account) => {
    if (employeeId && account.employeeId?.trim().toUpperCase() === employeeId) return 'employee-id';
    if (email && account.emails.includes(email)) return 'email';
    if (name && normalisedName(account) === name) return 'name';
    return null;
  };
}

function seatOf(account: LicensedAccount, matchedOn: StarterSeat['matchedOn'], prices: PriceList | null): StarterSeat {
  return {
    partnerCode: account.partnerCode,
    userPrincipalName: account.userPrincipalName,
    displayName: account.displayName,
    skuPartNumbers: prices ? paidSkus(prices, account.skuIds).map((sku) => sku.skuPartNumber) : [...account.skuIds],
    annualCostPence: prices ? annualCostPence(prices, account.skuIds) : 0,
    matchedOn,
    confidence: CONFIDENCE[matchedOn],
  };
}

type AdviceInput = {
  starter: string;
  target: string;
  definite: StarterSeat[];
  possible: PossibleStarterSeat[];
  checked: string[];
  notChecked: string[];
  asOf: string | null;
  prices: PriceList | null;
};

/** The answer in plain English, for the person about to place the order. */
function advise({ starter, target, definite, possible, checked, notChecked, asOf, prices }: AdviceInput): string {
  const skuNames = (seat: StarterSeat) =>
    prices
      ? list(seat.skuPartNumbers.map((part) => prices.skus.find((sku) => sku.skuPartNumber === part)?.name ?? part))
      : 'a licence';
  const cost = (seat: StarterSeat) => (prices ? ` (${pounds(seat.annualCostPence)} a year)` : '');
  const councils = list(possible.map((seat) => seat.partnerCode));
  const administrators = possible.length > 1 ? 'their licence administrators' : 'its licence administrator';
  const sentences: string[] = [];

  if (definite.length > 0) {
    sentences.push(
      `Do not buy a seat at ${target}: ${starter} already holds ${list(definite.map((seat) => `${skuNames(seat)} at ${seat.partnerCode}${cost(seat)}`))}.`,
      `Give access as a guest, or move the seat.`,
    );
    if (possible.length > 0) {
      sentences.push(
        `Someone with the same name also holds a seat at ${councils}: ask ${administrators} whether it is ${starter}.`,
      );
    }
  } else if (possible.length > 0) {
    sentences.push(
      `Check before buying a seat at ${target}: someone with the same name as ${starter}, but no matching employee id or email, holds a seat at ${councils}.`,
      `Ask ${administrators} whether it is the same person: if it is, give access as a guest or move the seat; if not, buying one is fine.`,
    );
  } else if (checked.length > 0) {
    const where = notChecked.length > 0 ? `the tenants of ${list(checked)}` : "the other councils' tenants";
    sentences.push(
      `No seat found in ${where} as of ${day(asOf)}; ${notChecked.length > 0 ? 'as far as they go, ' : ''}buying one is fine.`,
    );
  }
  if (notChecked.length > 0) {
    sentences.push(
      `${list(notChecked)} could not be checked (the last run left no record of ${notChecked.length > 1 ? 'their' : 'its'} seats): ask ${notChecked.length > 1 ? 'their licence administrators' : 'its licence administrator'} before buying.`,
    );
  }
  if (!prices) {
    sentences.push('The partnership has no price list yet, so costs show as £0 and free licences count as seats.');
  }
  return sentences.join(' ');
}

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const pounds = (pence: number) =>
  `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const day = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/London',
      }).format(new Date(iso))
    : 'the last run';
