import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { RiskLevel, RiskSnapshot, RiskToleration } from '../schemas/risk-tolerations';
import type { InfrastructureRisk } from '../schemas/risks';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { allViews, requireCouncil } from './list-tolerations';
import { IMPACTS, levelOfScore, PROBABILITIES, riskScore, snapshotOf } from './risk-score';
import type { TolerationView } from './toleration-view';

/** Where a risk stands with the councils, from its latest round. */
export type RiskTolerationStatus =
  | 'not-requested'
  | 'awaiting-decision'
  | 'tolerated'
  | 'expired'
  | 'withdrawn'
  | Exclude<NonNullable<RiskToleration['outcome']>, 'tolerate'>;

export type RegisterEntry = Stored<InfrastructureRisk> & {
  score: RiskSnapshot['score'];
  level: RiskLevel;
  version: string;
  toleration: {
    status: RiskTolerationStatus;
    /** The latest round, or null when none was ever requested. */
    tolerationId: string | null;
    requestedAt: string | null;
    pendingCouncils: string[];
    decidedAt: string | null;
    expiresAt: string | null;
    riskChangedSinceRequest: boolean;
  };
};

export type MatrixCell = {
  probability: (typeof PROBABILITIES)[number];
  impact: (typeof IMPACTS)[number];
  score: number;
  level: RiskLevel;
  riskIds: string[];
};

export type RiskRegister = {
  council: string | null;
  councils: { code: string; name: string }[];
  /** Every probability and impact, likely first and high first, with the risks rated there. */
  matrix: { probabilities: string[]; impacts: string[]; cells: MatrixCell[] };
  unratedRiskIds: string[];
  risks: RegisterEntry[];
  counts: Record<RiskTolerationStatus, number>;
};

/**
 * The infrastructure risk register of a council (or of every council), for any member: each risk with its score
 * and level, where its toleration stands (awaiting which councils, tolerated until when), and the score matrix.
 * A joint risk is in the register of every council it involves.
 */
export async function getRiskRegister(
  stores: Pick<Stores, 'partnerships' | 'risks' | 'riskTolerations'>,
  caller: Caller,
  query: { council?: string },
  now: () => Date = () => new Date(),
): Promise<RiskRegister> {
  const partnership = await findPartnership(stores, caller.partnershipId);
  if (query.council !== undefined) requireCouncil(partnership, query.council, 'query.council');
  const at = now();
  const [risks, views] = await Promise.all([
    stores.risks.listAll(caller.partnershipId),
    allViews(stores, caller.partnershipId, partnership, at),
  ]);
  const latestByRisk = new Map<string, TolerationView>();
  for (const view of views) {
    const seen = latestByRisk.get(view.riskId);
    if (!seen || view.round > seen.round) latestByRisk.set(view.riskId, view);
  }
  const entries = risks
    .map((row) => row.record)
    .filter((risk) => query.council === undefined || risk.partnerCodes.includes(query.council))
    .map((risk) => registerEntry(risk, latestByRisk.get(risk.id) ?? null, at));

  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<RiskTolerationStatus, number>;
  for (const entry of entries) counts[entry.toleration.status]++;
  return {
    council: query.council ?? null,
    councils: partnership.partners.map((p) => ({ code: p.code, name: p.name })),
    matrix: scoreMatrix(entries),
    unratedRiskIds: entries.filter((e) => e.score === null).map((e) => e.id),
    risks: entries,
    counts,
  };
}

const STATUSES: RiskTolerationStatus[] = [
  'not-requested',
  'awaiting-decision',
  'tolerated',
  'expired',
  'withdrawn',
  'treat',
  'transfer',
  'terminate',
];

function registerEntry(risk: Stored<InfrastructureRisk>, latest: TolerationView | null, now: Date): RegisterEntry {
  const snapshot = snapshotOf(risk);
  return {
    ...risk,
    score: snapshot.score,
    level: snapshot.level,
    version: snapshot.version,
    toleration: {
      status: statusOf(latest, now),
      tolerationId: latest?.id ?? null,
      requestedAt: latest?.requestedAt ?? null,
      pendingCouncils: latest?.pendingCouncils ?? [],
      decidedAt: latest?.decidedAt ?? null,
      expiresAt: latest?.expiresAt ?? null,
      riskChangedSinceRequest: latest?.status === 'awaiting' && latest.riskChangedSinceRequest,
    },
  };
}

/** A toleration past its review date counts as expired even before the daily review re-requests it. */
function statusOf(latest: TolerationView | null, now: Date): RiskTolerationStatus {
  if (!latest) return 'not-requested';
  if (latest.status === 'awaiting') return 'awaiting-decision';
  if (latest.status === 'withdrawn' || latest.status === 'expired') return latest.status;
  if (latest.outcome === 'tolerate' || latest.outcome === null) {
    return latest.expiresAt && Date.parse(latest.expiresAt) <= now.getTime() ? 'expired' : 'tolerated';
  }
  return latest.outcome;
}

function scoreMatrix(entries: readonly RegisterEntry[]): RiskRegister['matrix'] {
  const probabilities = [...PROBABILITIES].reverse();
  const impacts = [...IMPACTS].reverse();
  const cells = probabilities.flatMap((probability) =>
    impacts.map((impact): MatrixCell => {
      const score = riskScore({ probability, impact }) as number;
      return {
        probability,
        impact,
        score,
        level: levelOfScore(score),
        riskIds: entries.filter((e) => e.probability === probability && e.impact === impact).map((e) => e.id),
      };
    }),
  );
  return { probabilities, impacts, cells };
}
