import { accountKey, type LicensedAccount } from './licensed-account';
import type { MatchedPerson } from './match-people';
import { annualCostPence, overlappedSkus, type PriceList, paidSkus } from './price-list';

export const FINDING_TYPES = [
  'duplicate-seat',
  'leaver-licensed',
  'disabled-licensed',
  'inactive-licensed',
  'overlapping-skus',
  'starter-already-licensed',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export type FindingAccount = {
  tenantId: string;
  partnerCode: string;
  id: string;
  userPrincipalName: string;
  displayName: string;
  skuPartNumbers: string[];
};

export type Finding = {
  /** Stable across runs, so a finding can be followed from one report to the next. */
  id: string;
  type: FindingType;
  partnerCodes: string[];
  accounts: FindingAccount[];
  /** The SKUs whose cost this finding counts. */
  skuPartNumbers: string[];
  annualCostPence: number;
  /** The annual cost by the council that would save it: whose seat goes, or who need not buy one. */
  costByPartner: Record<string, number>;
  confidence: 'high' | 'medium' | null;
  reasons: string[];
  recommendedAction: string;
};

/** A starter or leaver from a council's HR system. */
export type HrRecord = {
  employeeNumber: string;
  name: string;
  workEmail: string;
  partnerCode: string;
  startDate: string | null;
  leaveDate: string | null;
};

/** Someone who really needs more than one seat, until a date. */
export type Exclusion = { personOrAccountKey: string; reason: string; expiresAt: string };

export type WasteInput = {
  accounts: readonly LicensedAccount[];
  people: readonly MatchedPerson[];
  prices: PriceList;
  hr: readonly HrRecord[];
  exclusions: readonly Exclusion[];
  now: Date;
  inactiveDays: number;
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * Every finding of waste in one run, each counted once: an account that should lose all its seats (leaver,
 * then disabled, then inactive, in that order) is not counted again as a duplicate or an overlap.
 */
export function findWaste(input: WasteInput): Finding[] {
  const excluded = activeExclusions(input);
  const isExcluded = (account: LicensedAccount) => excluded.size > 0 && excluded.has(accountKey(account));
  const licensed = input.accounts.filter((a) => paidSkus(input.prices, a.skuIds).length > 0 && !isExcluded(a));
  // By identity: the people are made of these very accounts, and 100,000 key strings a run are not free.
  const licensedSet = new Set(licensed);
  const findings: Finding[] = [];
  const wholeAccountWaste = new Set<LicensedAccount>();

  for (const account of licensed) {
    const finding = wholeAccountFinding(account, input);
    if (!finding) continue;
    findings.push(finding);
    wholeAccountWaste.add(account);
  }
  for (const person of input.people) {
    if (person.confidence === 'candidate' || excluded.has(person.id)) continue;
    const seats = person.accounts.filter((a) => licensedSet.has(a) && !wholeAccountWaste.has(a));
    if (new Set(seats.map((a) => a.tenantId)).size > 1) findings.push(duplicateSeat(person, seats, input));
  }
  for (const account of licensed) {
    if (wholeAccountWaste.has(account)) continue;
    const overlapping = overlappedSkus(input.prices, account.skuIds);
    if (overlapping.length > 0) {
      findings.push({
        ...base('overlapping-skus', [account], input, [{ account, skuIds: overlapping.map((s) => s.skuId) }]),
        confidence: null,
        reasons: [
          `${overlapping.map((s) => s.skuPartNumber).join(', ')} included in a higher licence on the same account`,
        ],
        recommendedAction: `Remove ${overlapping.map((s) => s.name).join(', ')} from ${account.userPrincipalName}.`,
      });
    }
  }
  findings.push(...startersAlreadyLicensed(licensed, input));
  return findings;
}

function wholeAccountFinding(account: LicensedAccount, input: WasteInput): Finding | null {
  const leaving = leaveDate(account, input);
  if (leaving && leaving.getTime() <= input.now.getTime()) {
    return {
      ...base('leaver-licensed', [account], input, wholeSeat(account)),
      confidence: null,
      reasons: [`left on ${leaving.toISOString().slice(0, 10)}`],
      recommendedAction: `Remove the licences of ${account.userPrincipalName} and disable the account.`,
    };
  }
  if (!account.accountEnabled) {
    return {
      ...base('disabled-licensed', [account], input, wholeSeat(account)),
      confidence: null,
      reasons: ['account disabled'],
      recommendedAction: `Remove the licences of the disabled account ${account.userPrincipalName}.`,
    };
  }
  const lastSignIn = account.lastSignInDateTime;
  const cutoff = input.now.getTime() - input.inactiveDays * DAY_MS;
  if (lastSignIn !== undefined && (lastSignIn === null || Date.parse(lastSignIn) < cutoff)) {
    return {
      ...base('inactive-licensed', [account], input, wholeSeat(account)),
      confidence: null,
      reasons: [lastSignIn === null ? 'never signed in' : `last signed in on ${lastSignIn.slice(0, 10)}`],
      recommendedAction: `Ask whether ${account.displayName} still needs a seat; remove it if not.`,
    };
  }
  return null;
}

function duplicateSeat(person: MatchedPerson, seats: LicensedAccount[], input: WasteInput): Finding {
  const keep = [...seats].sort((a, b) => signInTime(b) - signInTime(a) || 0)[0] as LicensedAccount;
  const spare = seats.filter((a) => a !== keep);
  return {
    ...base('duplicate-seat', seats, input, spare.flatMap(wholeSeat)),
    id: `duplicate-seat:${person.id}`,
    confidence: person.confidence === 'high' ? 'high' : 'medium',
    reasons: person.reasons,
    recommendedAction: `Keep the seat in ${keep.partnerCode} (${keep.userPrincipalName}); remove the seat${spare.length > 1 ? 's' : ''} in ${spare.map((a) => a.partnerCode).join(', ')} and give access as a guest if needed.`,
  };
}

function startersAlreadyLicensed(licensed: readonly LicensedAccount[], input: WasteInput): Finding[] {
  const recent = input.now.getTime() - 30 * DAY_MS;
  return input.hr
    .filter((record) => record.startDate && Date.parse(record.startDate) >= recent && !record.leaveDate)
    .flatMap((starter) => {
      const elsewhere = licensed.filter(
        (a) =>
          a.partnerCode !== starter.partnerCode &&
          ((a.employeeId && a.employeeId.trim().toUpperCase() === starter.employeeNumber.trim().toUpperCase()) ||
            a.emails.includes(starter.workEmail.toLowerCase())),
      );
      return elsewhere.map<Finding>((account) => ({
        ...base('starter-already-licensed', [account], input, [
          { account: { ...account, partnerCode: starter.partnerCode }, skuIds: account.skuIds },
        ]),
        id: `starter-already-licensed:${starter.partnerCode}:${starter.employeeNumber}:${accountKey(account)}`,
        partnerCodes: [...new Set([starter.partnerCode, account.partnerCode])].sort(),
        confidence: account.employeeId ? 'high' : 'medium',
        reasons: [
          `${starter.name} starts at ${starter.partnerCode} on ${starter.startDate} and holds a seat at ${account.partnerCode}`,
        ],
        recommendedAction: `Do not buy a new seat at ${starter.partnerCode}: ${starter.name} already has one at ${account.partnerCode}.`,
      }));
    });
}

/** An account as a finding or candidate shows it: who, where, and the paid licences it holds. */
export function findingAccount(account: LicensedAccount, prices: PriceList): FindingAccount {
  return {
    tenantId: account.tenantId,
    partnerCode: account.partnerCode,
    id: account.id,
    userPrincipalName: account.userPrincipalName,
    displayName: account.displayName,
    skuPartNumbers: paidSkus(prices, account.skuIds).map((sku) => sku.skuPartNumber),
  };
}

/** Seats whose cost a finding counts, and whose council saves it. */
type CostedSeat = { account: Pick<LicensedAccount, 'partnerCode'>; skuIds: readonly string[] };

const wholeSeat = (account: LicensedAccount): CostedSeat[] => [{ account, skuIds: account.skuIds }];

function base(type: FindingType, accounts: LicensedAccount[], input: WasteInput, costed: readonly CostedSeat[]) {
  const costedSkuIds = costed.flatMap((seat) => seat.skuIds);
  const costByPartner: Record<string, number> = {};
  for (const seat of costed) {
    const cost = annualCostPence(input.prices, seat.skuIds);
    if (cost > 0) costByPartner[seat.account.partnerCode] = (costByPartner[seat.account.partnerCode] ?? 0) + cost;
  }
  return {
    id: `${type}:${accounts.map(accountKey).sort().join('+')}`,
    type,
    partnerCodes: [...new Set(accounts.map((a) => a.partnerCode))].sort(),
    accounts: accounts.map((a) => findingAccount(a, input.prices)),
    skuPartNumbers: paidSkus(input.prices, costedSkuIds).map((sku) => sku.skuPartNumber),
    annualCostPence: annualCostPence(input.prices, costedSkuIds),
    costByPartner,
  };
}

function leaveDate(account: LicensedAccount, input: WasteInput): Date | null {
  if (account.employeeLeaveDateTime) return new Date(account.employeeLeaveDateTime);
  const leavers = leaversOf(input.hr);
  if (leavers.size === 0) return null;
  const keys = [
    ...(account.employeeId ? [`${account.partnerCode}|id|${account.employeeId.trim().toUpperCase()}`] : []),
    ...account.emails.map((email) => `${account.partnerCode}|mail|${email}`),
  ];
  const record = keys.map((key) => leavers.get(key)).find(Boolean);
  return record?.leaveDate ? new Date(record.leaveDate) : null;
}

const leaverIndexes = new WeakMap<readonly HrRecord[], Map<string, HrRecord>>();

/** The HR feed's leavers by council and employee number or email, built once per feed: every seat is looked up. */
function leaversOf(hr: readonly HrRecord[]): Map<string, HrRecord> {
  let index = leaverIndexes.get(hr);
  if (!index) {
    index = new Map();
    for (const record of hr) {
      if (!record.leaveDate) continue;
      index.set(`${record.partnerCode}|id|${record.employeeNumber.trim().toUpperCase()}`, record);
      index.set(`${record.partnerCode}|mail|${record.workEmail.toLowerCase()}`, record);
    }
    leaverIndexes.set(hr, index);
  }
  return index;
}

function activeExclusions(input: WasteInput): Set<string> {
  return new Set(
    input.exclusions
      .filter((exclusion) => Date.parse(exclusion.expiresAt) > input.now.getTime())
      .map((exclusion) => exclusion.personOrAccountKey),
  );
}

const signInTime = (account: LicensedAccount) =>
  account.lastSignInDateTime ? Date.parse(account.lastSignInDateTime) : Number.NEGATIVE_INFINITY;
