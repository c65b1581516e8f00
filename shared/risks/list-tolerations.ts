import { invalidInput, notFound } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { Partnership } from '../schemas/partnership';
import type { TolerationListQuery } from '../schemas/risk-tolerations';
import type { Page } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import type { ViewStores } from './read-tolerations';
import { type TolerationView, tolerationView } from './toleration-view';

/**
 * A page of the partnership's toleration requests, newest first, for any member: the tab's pending decisions
 * (`awaitingCouncil`: still waiting for that council) and its history of decisions (who, when, comment).
 */
export async function listTolerations(
  stores: ViewStores,
  caller: Caller,
  query: TolerationListQuery,
  now: () => Date = () => new Date(),
): Promise<Page<TolerationView>> {
  const partnership = await findPartnership(stores, caller.partnershipId);
  for (const [path, code] of [
    ['query.council', query.council],
    ['query.awaitingCouncil', query.awaitingCouncil],
  ] as const) {
    if (code !== undefined) requireCouncil(partnership, code, path);
  }
  const views = (await allViews(stores, caller.partnershipId, partnership, now())).filter(
    (view) =>
      (query.state === 'all' || view.status === query.state) &&
      (query.council === undefined || view.partnerCodes.includes(query.council)) &&
      (query.awaitingCouncil === undefined || view.pendingCouncils.includes(query.awaitingCouncil)) &&
      (query.riskId === undefined || view.riskId === query.riskId),
  );
  const offset = query.continuationToken ? Number(query.continuationToken) : 0;
  const end = offset + query.pageSize;
  return { items: views.slice(offset, end), continuationToken: end < views.length ? String(end) : null };
}

/** Every round of one risk, newest first: its history of requests and decisions. */
export async function listRiskTolerations(
  stores: ViewStores,
  caller: Caller,
  riskId: string,
  now: () => Date = () => new Date(),
): Promise<TolerationView[]> {
  const partnership = await findPartnership(stores, caller.partnershipId);
  const risk = await stores.risks.get(caller.partnershipId, riskId);
  if (!risk) throw notFound(`There is no risk ${riskId}.`);
  return (await allViews(stores, caller.partnershipId, partnership, now())).filter((view) => view.riskId === riskId);
}

/** Every round of the partnership as a view, newest request first. */
export async function allViews(
  stores: Pick<Stores, 'risks' | 'riskTolerations'>,
  partnershipId: string,
  partnership: Pick<Partnership, 'partners'>,
  now: Date,
): Promise<TolerationView[]> {
  const [rounds, risks] = await Promise.all([
    stores.riskTolerations.listAll(partnershipId),
    stores.risks.listAll(partnershipId),
  ]);
  const riskById = new Map(risks.map((row) => [row.record.id, row.record]));
  return rounds
    .map((row) => tolerationView(row, riskById.get(row.record.riskId) ?? null, partnership, now))
    .sort((a, b) => b.sequence - a.sequence || b.round - a.round || a.id.localeCompare(b.id));
}

export function requireCouncil(partnership: Partnership, code: string, path: string): void {
  const known = partnership.partners.map((p) => p.code);
  if (!known.includes(code)) {
    throw invalidInput(`${code} is not a council of ${partnership.name}.`, [
      { path, message: `one of ${known.join(', ')}` },
    ]);
  }
}
