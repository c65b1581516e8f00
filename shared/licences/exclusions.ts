import { createHash } from 'node:crypto';
import { recordWrites } from '../audit/audit-trail';
import { DomainError, invalidInput, notFound } from '../errors';
import type { Caller } from '../identity/caller';
import type { ExclusionInput } from '../schemas/licences';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import {
  canonicalAccountKey,
  mayActFor,
  PartnerTenants,
  requireActFor,
  requireLicenceAdmin,
} from './licence-admin-scope';
import type { ExclusionRecord } from './licence-records';

/** An exclusion is reviewed at least this often: nobody needs a reported seat for ever. */
const LONGEST_YEARS = 2;
const MAX_ATTEMPTS = 5;

export type ExclusionStatus = 'active' | 'expired' | 'withdrawn';
export type ExclusionView = ExclusionRecord & { status: ExclusionStatus; active: boolean };
export type AddedExclusion = Versioned<ExclusionRecord> & { created: boolean };

type ExclusionStores = Pick<Stores, 'partnerships' | 'licenceExclusions' | 'audit'>;

/**
 * Records that someone really needs a seat the reconciler would report, until a date. The key is a person id
 * (account keys joined by `+`, as the run names people) or one account key; a council's licence administrator may
 * add one only when one of its accounts is in their tenant. The id comes from the content, so a double click
 * adds one exclusion, not two; adding one again after it was withdrawn brings it back.
 */
export async function addExclusion(
  stores: ExclusionStores,
  caller: Caller,
  input: ExclusionInput,
  now: () => Date = () => new Date(),
): Promise<AddedExclusion> {
  requireLicenceAdmin(caller);
  const keys = input.key.split('+').map(canonicalAccountKey);
  const tenants = await PartnerTenants.of(stores, caller);
  const partnerCodes = [...new Set(tenants.councilsOf(keys, 'body.key'))].sort();
  if (new Set(keys).size !== keys.length) {
    throw invalidInput('The key names an account twice.', [{ path: 'body.key', message: 'an account is repeated' }]);
  }
  // One account key, or account keys joined by `+` in sorted order, as the run names people.
  const key = keys.sort().join('+');
  const at = now();
  checkExpiry(input.expiresAt, at);
  requireActFor(caller, partnerCodes, 'add an exclusion');

  const record: ExclusionRecord = {
    id: exclusionId(key, input),
    partnershipId: caller.partnershipId,
    sequence: at.getTime(),
    key,
    reason: input.reason,
    expiresAt: input.expiresAt,
    partnerCodes,
    addedBy: { userId: caller.userId, name: caller.name, partnerCode: caller.partnerCode },
    addedAt: at.toISOString(),
    withdrawnAt: null,
  };
  for (let attempt = 1; ; attempt++) {
    const current = await stores.licenceExclusions.get(caller.partnershipId, record.id);
    if (current && current.record.withdrawnAt === null) return { ...current, created: false };
    let written: Versioned<ExclusionRecord>;
    try {
      written = current
        ? await stores.licenceExclusions.replace(record, current.etag)
        : await stores.licenceExclusions.create(record);
    } catch (error) {
      if (raced(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    await recordWrites(stores.audit, caller, 'licence.exclusion.add', [
      { kind: 'licenceExclusions', id: record.id, etagBefore: current?.etag ?? null, etagAfter: written.etag },
    ]);
    return { ...written, created: true };
  }
}

/**
 * The exclusions the caller may see (all for the shared service's administrator, else those naming an account of
 * their council), newest first, each flagged active, expired or withdrawn: withdrawn ones stay as a record.
 */
export async function listExclusions(
  stores: Pick<Stores, 'licenceExclusions'>,
  caller: Caller,
  now: () => Date = () => new Date(),
): Promise<ExclusionView[]> {
  requireLicenceAdmin(caller);
  const today = isoDay(now());
  const all = await stores.licenceExclusions.listAll(caller.partnershipId);
  return all
    .map(({ record }) => record)
    .filter((exclusion) => mayActFor(caller, exclusion.partnerCodes))
    .sort((a, b) => b.sequence - a.sequence)
    .map((exclusion) => {
      const status: ExclusionStatus =
        exclusion.withdrawnAt !== null ? 'withdrawn' : exclusion.expiresAt > today ? 'active' : 'expired';
      return { ...exclusion, status, active: status === 'active' };
    });
}

/**
 * Withdraws an exclusion, so the next run reports the seat again; the record stays, marked withdrawn. Withdrawing
 * twice changes nothing the second time. The same people may withdraw it as may add it.
 */
export async function withdrawExclusion(
  stores: Pick<Stores, 'licenceExclusions' | 'audit'>,
  caller: Caller,
  id: string,
  now: () => Date = () => new Date(),
): Promise<Versioned<ExclusionRecord>> {
  requireLicenceAdmin(caller);
  for (let attempt = 1; ; attempt++) {
    const current = await stores.licenceExclusions.get(caller.partnershipId, id);
    if (!current) throw notFound(`There is no exclusion ${id}.`);
    requireActFor(caller, current.record.partnerCodes, 'withdraw an exclusion');
    if (current.record.withdrawnAt !== null) return current;
    let written: Versioned<ExclusionRecord>;
    try {
      written = await stores.licenceExclusions.replace(
        { ...current.record, withdrawnAt: now().toISOString() },
        current.etag,
      );
    } catch (error) {
      if (raced(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    await recordWrites(stores.audit, caller, 'licence.exclusion.withdraw', [
      { kind: 'licenceExclusions', id, etagBefore: current.etag, etagAfter: written.etag },
    ]);
    return written;
  }
}

/** Expiry must be after today (an exclusion ending today has already lapsed for the run) and within two years. */
function checkExpiry(expiresAt: string, now: Date): void {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + LONGEST_YEARS);
  const problem =
    expiresAt <= isoDay(now)
      ? `${expiresAt} is not in the future`
      : expiresAt > isoDay(latest)
        ? `${expiresAt} is more than ${LONGEST_YEARS} years ahead; the latest is ${isoDay(latest)}`
        : null;
  if (problem) throw invalidInput('The expiry date is not allowed.', [{ path: 'body.expiresAt', message: problem }]);
}

function exclusionId(key: string, input: ExclusionInput): string {
  const content = [key, input.expiresAt, input.reason].join('\n');
  return `exclusion-${createHash('sha256').update(content).digest('hex').slice(0, 40)}`;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

const raced = (error: unknown) =>
  error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'precondition-failed');
