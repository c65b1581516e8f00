import { recordWrites } from '../audit/audit-trail';
import { DomainError } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { InfrastructureRisk, InfrastructureRiskChanges } from '../schemas/risks';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { getRisk } from './get-risk';
import { riskVersion } from './risk-score';
import { queueNotice } from './toleration-notices';

/**
 * Changes a risk's text or rating. The shared service keeps the registers, so this needs the partnership
 * administrator role; the write carries the ETag the caller read, and a stale one is refused. A change while
 * councils are deciding on the risk makes their pending decisions out of date: the bot is told to update the cards.
 */
export async function updateRisk(
  stores: Pick<Stores, 'risks' | 'audit' | 'riskTolerations' | 'riskNotices'>,
  caller: Caller,
  id: string,
  changes: InfrastructureRiskChanges,
  etag: string | undefined,
  now: () => Date = () => new Date(),
): Promise<Versioned<InfrastructureRisk>> {
  requireRole(caller, 'partnership-admin');
  if (!etag) {
    throw new DomainError('precondition-required', 'Send the ETag you read in an If-Match header.');
  }
  const current = await getRisk(stores, caller, id);
  const updated = await stores.risks.replace({ ...current.record, ...changes }, etag);
  await recordWrites(stores.audit, caller, 'risk.update', [
    { kind: 'risks', id, etagBefore: etag, etagAfter: updated.etag },
  ]);
  if (riskVersion(updated.record) !== riskVersion(current.record)) await tellPendingRounds(stores, updated, now());
  return updated;
}

async function tellPendingRounds(
  stores: Pick<Stores, 'riskTolerations' | 'riskNotices'>,
  { record: risk, etag }: Versioned<InfrastructureRisk>,
  at: Date,
): Promise<void> {
  const pending = (await stores.riskTolerations.listAll(risk.partnershipId)).filter(
    ({ record }) => record.riskId === risk.id && record.status === 'awaiting',
  );
  for (const { record } of pending) {
    const event = { kind: 'toleration-updated', reason: 'risk-changed', key: `risk:${etag}` } as const;
    await queueNotice(stores, record, event, at);
  }
}
