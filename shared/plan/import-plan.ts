import { createHash } from 'node:crypto';
import { type AuditedWrite, recordWrites } from '../audit/audit-trail';
import { workedInHub } from '../bids/imported-bids';
import { staleWrite } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { RecordStore, Stored } from '../stores/record-store';
import { PLAN_COLLECTIONS, type Stores } from '../stores/stores';
import { stableJson } from './stable-json';
import { validatePlanDocument } from './validate-plan-document';

export type WriteCounts = { created: number; updated: number; unchanged: number };
export type ImportResult = {
  partnershipId: string;
  year: string;
  counts: Record<string, WriteCounts>;
  planEtag: string;
};

/**
 * Loads a whole business plan into the caller's partnership. The document is validated in full before anything
 * is written; records already holding the same content are left alone, so importing twice changes nothing.
 * `ifMatch`, when given, must be the ETag of the stored plan year, so two administrators cannot overwrite
 * each other's import unknowingly.
 */
export async function importPlan(
  stores: Stores,
  caller: Caller,
  input: unknown,
  options: { ifMatch?: string } = {},
): Promise<ImportResult> {
  requireRole(caller, 'partnership-admin');
  const partnership = await findPartnership(stores, caller.partnershipId);
  const document = validatePlanDocument(input, partnership);
  const partnershipId = partnership.id;

  const existingPlan = await stores.plans.get(partnershipId, document.plan.id);
  if (options.ifMatch && existingPlan?.etag !== options.ifMatch) throw staleWrite();

  const counts: Record<string, WriteCounts> = {};
  for (const name of PLAN_COLLECTIONS) {
    const records = document[name].map((record, sequence) => ({ ...record, partnershipId, sequence }));
    const writes = await writeChanged(stores[name] as RecordStore<{ id: string }>, name, records);
    counts[name] = countWrites(writes, records.length);
    await recordWrites(stores.audit, caller, 'plan.import', writes);
  }

  const hashed = { ...document, plan: { ...document.plan, documentHash: undefined } };
  const documentHash = createHash('sha256').update(stableJson(hashed)).digest('base64url');
  const plan = { ...document.plan, documentHash, partnershipId, sequence: 0 };
  let planEtag = existingPlan?.etag ?? '';
  const planWrites: AuditedWrite[] = [];
  if (!existingPlan || stableJson(existingPlan.record) !== stableJson(plan)) {
    planEtag = (existingPlan ? await stores.plans.replace(plan, existingPlan.etag) : await stores.plans.create(plan))
      .etag;
    planWrites.push({ kind: 'plans', id: plan.id, etagBefore: existingPlan?.etag ?? null, etagAfter: planEtag });
  }
  counts.plan = countWrites(planWrites, 1);
  await recordWrites(stores.audit, caller, 'plan.import', planWrites);
  return { partnershipId, year: document.plan.year, counts, planEtag };
}

/** Writes the records whose content differs from what is stored, returning each write with its ETags. */
async function writeChanged(
  store: RecordStore<{ id: string }>,
  kind: string,
  records: Stored<{ id: string }>[],
): Promise<AuditedWrite[]> {
  const partnershipId = records[0]?.partnershipId;
  if (!partnershipId) return [];
  const existing = new Map((await store.listAll(partnershipId)).map((row) => [row.record.id, row]));
  const changed = records.filter((record) => {
    const stored = existing.get(record.id);
    if (stored && kind === 'bids' && workedInHub(stored.record)) return false;
    return !stored || stableJson(stored.record) !== stableJson(record);
  });
  const written = await store.upsertMany(changed);
  return written.map((row) => ({
    kind,
    id: row.record.id,
    etagBefore: existing.get(row.record.id)?.etag ?? null,
    etagAfter: row.etag,
  }));
}

function countWrites(writes: readonly AuditedWrite[], total: number): WriteCounts {
  const created = writes.filter((write) => write.etagBefore === null).length;
  return { created, updated: writes.length - created, unchanged: total - writes.length };
}
