import type { Caller } from '../identity/caller';
import type { Partnership } from '../schemas/partnership';
import type { RiskSnapshot, RiskToleration, TolerationDecision } from '../schemas/risk-tolerations';
import type { InfrastructureRisk } from '../schemas/risks';
import type { Stored, Versioned } from '../stores/record-store';
import { type ComparedField, changedFields, snapshotOf } from './risk-score';
import { daysBetween } from './toleration-rules';

/** Where one council stands in a round. */
export type CouncilDecisionState = {
  partnerCode: string;
  name: string;
  /** The council's current decision, or null while it has not decided. */
  decision: TolerationDecision | null;
  /** Decided on an earlier version of the risk: the council is asked again and its decision does not count. */
  outOfDate: boolean;
  /** pending: still to decide; decided; not-needed: another council settled the round first. */
  state: 'pending' | 'decided' | 'not-needed';
};

/**
 * A round as the tab, the API and the cards show it: the stored record with its ETag, the risk as it stands now,
 * whether it changed since the request (and which fields), and each council's state.
 */
export type TolerationView = Stored<RiskToleration> & {
  etag: string;
  /** The risk as it stands now; null if it has left the register. */
  riskNow: RiskSnapshot | null;
  riskChangedSinceRequest: boolean;
  changedFields: ComparedField[];
  councils: CouncilDecisionState[];
  pendingCouncils: string[];
  /** Whole and part days until a standing toleration expires (negative once past); null otherwise. */
  daysToExpiry: number | null;
};

export function tolerationView(
  row: Versioned<RiskToleration>,
  risk: InfrastructureRisk | null,
  partnership: Pick<Partnership, 'partners'>,
  now: Date,
): TolerationView {
  const record = row.record;
  const riskNow = risk ? snapshotOf(risk) : null;
  const awaiting = record.status === 'awaiting';
  const version = riskNow?.version ?? record.requestedSnapshot.version;
  const councils = record.partnerCodes.map((partnerCode): CouncilDecisionState => {
    const decision = record.decisions.find((d) => d.partnerCode === partnerCode) ?? null;
    const outOfDate = awaiting && decision !== null && decision.riskSnapshot.version !== version;
    const state = decision && !outOfDate ? 'decided' : awaiting ? 'pending' : 'not-needed';
    return { partnerCode, name: councilName(partnership, partnerCode), decision, outOfDate, state };
  });
  const changed = riskNow ? changedFields(record.requestedSnapshot, riskNow) : [];
  return {
    ...record,
    etag: row.etag,
    riskNow,
    riskChangedSinceRequest: changed.length > 0,
    changedFields: changed,
    councils,
    pendingCouncils: councils.filter((c) => c.state === 'pending').map((c) => c.partnerCode),
    daysToExpiry: record.status === 'decided' && record.expiresAt ? daysBetween(now, new Date(record.expiresAt)) : null,
  };
}

function councilName(partnership: Pick<Partnership, 'partners'>, code: string): string {
  return partnership.partners.find((p) => p.code === code)?.name ?? code;
}

/** What a viewer may do with a round: a card shows buttons only for `can-decide`, and says why otherwise. */
export type ViewerDecisionState =
  | { kind: 'can-decide'; partnerCode: string; outOfDate: boolean }
  | { kind: 'decided'; decision: TolerationDecision }
  | { kind: 'closed' }
  | { kind: 'not-an-approver' }
  | { kind: 'other-council' };

export function decisionStateFor(
  view: TolerationView,
  viewer: Pick<Caller, 'partnerCode' | 'roles'>,
): ViewerDecisionState {
  const council = view.councils.find((c) => c.partnerCode === viewer.partnerCode);
  if (council?.state === 'decided' && council.decision) return { kind: 'decided', decision: council.decision };
  if (view.status !== 'awaiting') return { kind: 'closed' };
  if (!council) return { kind: 'other-council' };
  if (!viewer.roles.includes('risk-approver')) return { kind: 'not-an-approver' };
  return { kind: 'can-decide', partnerCode: council.partnerCode, outOfDate: council.outOfDate };
}
