import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Answer } from '../../components/answer-message';
import { useMe } from '../../me';
import { formatDateTime } from '../plan/format';
import { DecisionForm } from './decision-form';
import { outcomeText, RESPONSE_LABELS, RESPONSE_ORDER, requestedText, scoreText } from './risk-format';
import type { CouncilDecisionState, Toleration } from './risk-types';
import { canRequestTolerations, councilToDecide } from './who-decides';
import { WithdrawButton } from './withdraw-button';

const useStyles = makeStyles({
  round: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: '1.05rem' },
  muted: { color: tokens.colorNeutralForeground2 },
  councils: { margin: 0, paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: '2px' },
  outcome: { fontWeight: tokens.fontWeightSemibold },
});

function councilStateText(council: CouncilDecisionState): string {
  const decision = council.decision;
  if (council.state === 'decided' && decision) {
    const comment = decision.comment ? `: "${decision.comment}"` : '';
    return `${RESPONSE_LABELS[decision.response]}, by ${decision.decidedBy.name}, ${formatDateTime(decision.decidedAt)}${comment}`;
  }
  if (council.state === 'pending') {
    return council.outOfDate
      ? 'Awaiting decision (its earlier decision was on an older version of the risk)'
      : 'Awaiting decision';
  }
  return 'No decision needed';
}

/**
 * One toleration request as it stands: who asked and when, the terms, each council's decision, the outcome; with
 * the decision form for an approver whose council must still decide, and Withdraw for an administrator.
 */
export function TolerationRound({
  toleration,
  title,
  onAnswer,
  onChanged,
}: {
  toleration: Toleration;
  title: ReactNode;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const me = useMe();
  const risk = toleration.riskNow ?? toleration.requestedSnapshot;
  const council = councilToDecide(toleration, me);
  const headingId = `round-${toleration.id}`;
  const offered = RESPONSE_ORDER.filter((response) => toleration.responses.includes(response));
  return (
    <article className={styles.round} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {title}
      </h3>
      <Text className={styles.muted}>
        {requestedText(toleration)}. Recommended: {RESPONSE_LABELS[toleration.recommendedResponse]}; responses offered:{' '}
        {offered.map((r) => RESPONSE_LABELS[r]).join(', ')}; review after {toleration.reviewDays} days
        {toleration.reviewDaysSource === 'level' ? ` (the default for ${risk.level} risks)` : ''}.
      </Text>
      <Text>
        Risk as it stands: {risk.councilLabel}; probability {risk.probability ?? 'not rated'}, impact{' '}
        {risk.impact ?? 'not rated'}, score {scoreText(risk.score, risk.level)}.
      </Text>
      {toleration.note && <Text>Note from the requester: {toleration.note}</Text>}
      {toleration.status === 'awaiting' && toleration.riskChangedSinceRequest && (
        <Text weight="semibold">
          Out of date: the risk changed after the request ({toleration.changedFields.join(', ')}); decisions made before
          count no more and those councils are asked again.
        </Text>
      )}
      <ul className={styles.councils} aria-label="Each council's decision">
        {toleration.councils.map((c) => (
          <li key={c.partnerCode}>
            <Text weight="semibold">
              {c.name} ({c.partnerCode}):
            </Text>{' '}
            <Text>{councilStateText(c)}</Text>
          </li>
        ))}
      </ul>
      <Text className={styles.outcome}>{outcomeText(toleration)}</Text>
      {council && <DecisionForm toleration={toleration} council={council} onAnswer={onAnswer} onChanged={onChanged} />}
      {toleration.status === 'awaiting' && canRequestTolerations(me) && (
        <WithdrawButton toleration={toleration} onAnswer={onAnswer} onChanged={onChanged} />
      )}
    </article>
  );
}
