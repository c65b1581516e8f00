import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { RiskToleration } from '../schemas/risk-tolerations';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { readToleration } from './toleration-rules';
import { type TolerationView, tolerationView } from './toleration-view';

export type ViewStores = Pick<Stores, 'partnerships' | 'risks' | 'riskTolerations'>;

/**
 * One round as it stands, for anyone of its partnership (the tab, the bot building a card for a notice): the bot
 * passes the partnership of the notice, since no user is asking.
 */
export async function loadTolerationView(
  stores: ViewStores,
  partnershipId: string,
  id: string,
  now: Date = new Date(),
): Promise<TolerationView> {
  const row = await readToleration(stores, partnershipId, id);
  return viewOf(stores, partnershipId, row, now);
}

/** A round read just now (or just written), as a view with the risk as it stands. */
export async function viewOf(
  stores: Pick<Stores, 'partnerships' | 'risks'>,
  partnershipId: string,
  row: Versioned<RiskToleration>,
  now: Date,
): Promise<TolerationView> {
  const [partnership, risk] = await Promise.all([
    findPartnership(stores, partnershipId),
    stores.risks.get(partnershipId, row.record.riskId),
  ]);
  return tolerationView(row, risk?.record ?? null, partnership, now);
}

/** One round of the caller's partnership, with its ETag; another partnership's is not found. Any member. */
export function getToleration(
  stores: ViewStores,
  caller: Caller,
  id: string,
  now: () => Date = () => new Date(),
): Promise<TolerationView> {
  return loadTolerationView(stores, caller.partnershipId, id, now());
}
