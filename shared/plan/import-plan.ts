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
    counts[name] = await writeChanged(stores[name] as RecordStore<{ id: string }>, partnershipId, records);
  }

  const plan = { ...document.plan, partnershipId, sequence: 0 };
  let planEtag: string;
  if (!existingPlan) {
    planEtag = (await stores.plans.create(plan)).etag;
    counts.plan = { created: 1, updated: 0, unchanged: 0 };
  } else if (stableJson(existingPlan.record) === stableJson(plan)) {
    planEtag = existingPlan.etag;
    counts.plan = { created: 0, updated: 0, unchanged: 1 };
  } else {
    planEtag = (await stores.plans.replace(plan, existingPlan.etag)).etag;
    counts.plan = { created: 0, updated: 1, unchanged: 0 };
  }
  return { partnershipId, year: document.plan.year, counts, planEtag };
}

async function writeChanged(
  store: RecordStore<{ id: string }>,
  partnershipId: string,
  records: Stored<{ id: string }>[],
): Promise<WriteCounts> {
  const existing = new Map((await store.listAll(partnershipId)).map((record) => [record.id, stableJson(record)]));
  const changed = records.filter((record) => existing.get(record.id) !== stableJson(record));
  await store.upsertMany(changed);
  const created = changed.filter((record) => !existing.has(record.id)).length;
  return { created, updated: changed.length - created, unchanged: records.length - changed.length };
}
