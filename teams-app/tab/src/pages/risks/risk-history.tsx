import { makeStyles, Text } from '@fluentui/react-components';
import { Empty } from '../../components/states';
import { Section } from '../plan/data-table';
import { DecisionsTable } from './decisions-table';
import { outcomeText, RESPONSE_LABELS, requestedText } from './risk-format';
import type { Toleration } from './risk-types';

const useStyles = makeStyles({
  rounds: { margin: 0, paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: '4px' },
});

/** Every request on a risk, newest first, with its outcome and expiry, then every council's decision on them. */
export function RiskHistory({ rounds }: { rounds: Toleration[] }) {
  const styles = useStyles();
  return (
    <Section id="risk-history" title="History of requests and decisions">
      {rounds.length === 0 ? (
        <Empty>The councils have not been asked about this risk yet.</Empty>
      ) : (
        <>
          <ul className={styles.rounds} aria-label="Requests, newest first">
            {rounds.map((round) => (
              <li key={round.id}>
                <Text>
                  {`Request ${round.round}: ${requestedText(round)}; recommended ${RESPONSE_LABELS[round.recommendedResponse]}, review after ${round.reviewDays} days. ${outcomeText(round)}.`}
                </Text>
              </li>
            ))}
          </ul>
          <DecisionsTable
            tolerations={rounds}
            caption="Decisions on this risk, newest first"
            filename={`risk-decisions-${rounds[0]?.riskId ?? 'risk'}.csv`}
            showRisk={false}
          />
        </>
      )}
    </Section>
  );
}
