import { makeStyles, Text } from '@fluentui/react-components';
import { formatDateTime, formatGbp } from '../plan/format';
import type { Bid, BidRound } from './bid-types';

const useStyles = makeStyles({ list: { margin: 0, paddingLeft: '18px', display: 'flex', flexDirection: 'column' } });

const OUTCOMES: Record<NonNullable<BidRound['outcome']>, string> = {
  approved: 'approved',
  rejected: 'rejected',
  'moved-to-revenue': 'moved to revenue',
};

function roundText(round: BidRound): string {
  const submitted = round.submittedBy
    ? `submitted by ${round.submittedBy.name}, ${formatDateTime(round.submittedAt)}`
    : 'as the business plan carries it';
  const amounts = round.shares.map((s) => `${s.partnerCode} ${formatGbp(s.amount)}`).join(', ');
  const outcome = round.outcome
    ? `${OUTCOMES[round.outcome]}${round.closedAt ? ` ${formatDateTime(round.closedAt)}` : ''}`
    : 'open';
  return `Round ${round.number}: "${round.title}", ${submitted}; ${amounts}, total ${formatGbp(round.total)}${
    round.comment ? `; comment: "${round.comment}"` : ''
  }; ${outcome}.`;
}

/** Every submission of the bid to the councils, oldest first, with its amounts and outcome. */
export function BidRounds({ bid }: { bid: Bid }) {
  const styles = useStyles();
  if (bid.rounds.length === 0) return <Text>Not submitted yet: no council has been asked.</Text>;
  return (
    <ul className={styles.list} aria-label="Rounds, oldest first">
      {bid.rounds.map((round) => (
        <li key={round.number}>
          <Text>{roundText(round)}</Text>
        </li>
      ))}
    </ul>
  );
}
