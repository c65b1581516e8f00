import { createHash } from 'node:crypto';
import { recordWrites } from '../audit/audit-trail';
import { DomainError, invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import type { MatchDecisionInput } from '../schemas/licences';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import {
  actsForEveryCouncil,
  canonicalAccountKey,
  PartnerTenants,
  requireActFor,
  requireLicenceAdmin,
} from './licence-admin-scope';
import type { MatchDecisionRecord } from './licence-records';
import { pairKey } from './match-people';

/** A double click or two administrators at once: each write is retried on the newest version this many times. */
const MAX_ATTEMPTS = 5;

/**
 * The record id of a pair's decision: the same whichever way round the pair is given, so deciding again replaces
 * the earlier answer. A hash, because account keys hold `/`, which a Cosmos DB id may not.
 */
export function decisionId(accounts: readonly [string, string]): string {
  const [a, b] = accounts.map(canonicalAccountKey) as [string, string];
  return `pair-${createHash('sha256')
    .update(pairKey([a, b]))
    .digest('hex')
    .slice(0, 40)}`;
}

/**
 * Records an administrator's answer to "are these two accounts one person?", which later runs honour. A council's
 * licence administrator may answer only about a pair with an account in their own tenant; the shared service's
 * administrator about any pair of the partnership. When two answers race, both are written and audited in turn
 * and the later one stands, as if they had been given one after the other.
 */
export async function decideMatch(
  stores: Pick<Stores, 'partnerships' | 'licenceDecisions' | 'audit'>,
  caller: Caller,
  input: MatchDecisionInput,
  now: () => Date = () => new Date(),
): Promise<Versioned<MatchDecisionRecord>> {
  requireLicenceAdmin(caller);
  const accounts = input.accounts.map(canonicalAccountKey).sort() as [string, string];
  if (accounts[0] === accounts[1]) {
    throw invalidInput('A match joins two different accounts.', [
      { path: 'body.accounts', message: 'both are the same account' },
    ]);
  }
  const tenants = await PartnerTenants.of(stores, caller);
  const councils = tenants.councilsOf(accounts, 'body.accounts');
  if (councils[0] === councils[1]) {
    throw invalidInput('A match joins accounts in two councils’ tenants.', [
      { path: 'body.accounts', message: `both accounts are in ${councils[0]}'s tenant` },
    ]);
  }
  requireActFor(caller, councils, 'decide a match');

  const at = now();
  const record: MatchDecisionRecord = {
    id: decisionId(accounts),
    partnershipId: caller.partnershipId,
    sequence: at.getTime(),
    accounts,
    decision: input.decision,
    note: input.note || null,
    decidedBy: { userId: caller.userId, name: caller.name, partnerCode: caller.partnerCode },
    decidedAt: at.toISOString(),
  };
  for (let attempt = 1; ; attempt++) {
    const current = await stores.licenceDecisions.get(caller.partnershipId, record.id);
    let written: Versioned<MatchDecisionRecord>;
    try {
      written = current
        ? await stores.licenceDecisions.replace(record, current.etag)
        : await stores.licenceDecisions.create(record);
    } catch (error) {
      const raced = error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'precondition-failed');
      if (raced && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    await recordWrites(stores.audit, caller, `licence.match.${input.decision === 'confirmed' ? 'confirm' : 'reject'}`, [
      { kind: 'licenceDecisions', id: record.id, etagBefore: current?.etag ?? null, etagAfter: written.etag },
    ]);
    return written;
  }
}

/** The decisions the caller may see: all for the shared service's administrator, else those touching their council. */
export async function listMatchDecisions(
  stores: Pick<Stores, 'partnerships' | 'licenceDecisions'>,
  caller: Caller,
): Promise<MatchDecisionRecord[]> {
  requireLicenceAdmin(caller);
  const tenants = await PartnerTenants.of(stores, caller);
  const all = await stores.licenceDecisions.listAll(caller.partnershipId);
  return all
    .map(({ record }) => record)
    .filter(
      (decision) =>
        actsForEveryCouncil(caller) ||
        decision.accounts.some((key) => tenants.partnerOf(key)?.code === caller.partnerCode),
    )
    .sort((a, b) => b.sequence - a.sequence);
}
