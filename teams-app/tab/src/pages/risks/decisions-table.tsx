import { hrefOf } from '../../routes';
import { DataTable } from '../plan/data-table';
import { formatDate, formatDateTime } from '../plan/format';
import { TextLink } from '../status/status-parts';
import { RESPONSE_LABELS, riskTitle, scoreText } from './risk-format';
import type { RiskSnapshot, Toleration, TolerationDecision } from './risk-types';

/** replaced: the council decided again on a newer version; earlier: still standing, but the risk has changed since. */
type Entry = { toleration: Toleration; decision: TolerationDecision; remark: 'replaced' | 'earlier' | null };

const REMARKS = {
  replaced: ' (replaced: made on an earlier version of the risk)',
  earlier: ' (made on an earlier version of the risk: the council is asked again)',
};

function remarkOf(toleration: Toleration, decision: TolerationDecision): Entry['remark'] {
  const now = toleration.riskNow?.version;
  return toleration.status === 'awaiting' && now && decision.riskSnapshot.version !== now ? 'earlier' : null;
}

const asDecided = (snapshot: RiskSnapshot) =>
  `probability ${snapshot.probability ?? 'not rated'}, impact ${snapshot.impact ?? 'not rated'}, score ${scoreText(
    snapshot.score,
    snapshot.level,
  )}`;

function outcomeOf(toleration: Toleration): string {
  if (toleration.status === 'awaiting') return 'Awaiting decisions';
  if (toleration.status === 'withdrawn') return 'Withdrawn';
  if (toleration.status === 'expired') return 'Expired';
  if (toleration.outcome === 'tolerate') return 'Tolerated';
  return `Not tolerated: ${toleration.outcome ?? ''}`;
}

/**
 * Every council's decision on the given requests, newest first: who, when, the comment, the risk as it stood when
 * they decided, and the request's outcome and expiry. Decisions replaced because the risk changed are marked.
 */
export function DecisionsTable({
  tolerations,
  caption,
  filename,
  showRisk,
}: {
  tolerations: Toleration[];
  caption: string;
  filename: string;
  showRisk: boolean;
}) {
  const entries: Entry[] = tolerations
    .flatMap((toleration) => [
      ...toleration.decisions.map((decision) => ({ toleration, decision, remark: remarkOf(toleration, decision) })),
      ...toleration.supersededDecisions.map((decision) => ({ toleration, decision, remark: 'replaced' as const })),
    ])
    .sort((a, b) => b.decision.decidedAt.localeCompare(a.decision.decidedAt));
  const riskOf = (t: Toleration) => t.riskNow ?? t.requestedSnapshot;
  return (
    <DataTable
      caption={caption}
      filename={filename}
      empty="No council has decided yet."
      columns={[
        ...(showRisk ? [{ label: 'Risk' }] : []),
        { label: 'Council' },
        { label: 'Decision' },
        { label: 'By' },
        { label: 'When' },
        { label: 'Comment' },
        { label: 'Risk as decided' },
        { label: 'Outcome' },
        { label: 'Expires' },
      ]}
      rows={entries.map(({ toleration, decision, remark }) => ({
        key: `${toleration.id}-${decision.partnerCode}-${decision.decidedAt}`,
        cells: [
          ...(showRisk
            ? [
                <TextLink key="risk" href={hrefOf({ page: 'risks', riskId: toleration.riskId })}>
                  {riskTitle(riskOf(toleration))}
                </TextLink>,
              ]
            : []),
          decision.partnerCode,
          `${RESPONSE_LABELS[decision.response]}${remark ? REMARKS[remark] : ''}`,
          decision.decidedBy.name,
          formatDateTime(decision.decidedAt),
          decision.comment || 'No comment',
          asDecided(decision.riskSnapshot),
          `${outcomeOf(toleration)} (request ${toleration.round})`,
          toleration.expiresAt ? formatDate(toleration.expiresAt) : '',
        ],
        csv: [
          ...(showRisk ? [riskTitle(riskOf(toleration))] : []),
          decision.partnerCode,
          `${RESPONSE_LABELS[decision.response]}${remark ? REMARKS[remark] : ''}`,
          decision.decidedBy.name,
          decision.decidedAt,
          decision.comment,
          asDecided(decision.riskSnapshot),
          outcomeOf(toleration),
          toleration.expiresAt?.slice(0, 10) ?? null,
        ],
      }))}
    />
  );
}
