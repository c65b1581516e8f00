import { makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../../api/api';
import type { Answer } from '../../components/answer-message';
import { Empty, Load } from '../../components/states';
import { useMe } from '../../me';
import { hrefOf } from '../../routes';
import { Section } from '../plan/data-table';
import { yearLabel } from '../plan/format';
import { TextLink } from '../status/status-parts';
import type { BidList } from './bid-types';
import { ShareDecisionForm } from './share-decision-form';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '12px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: '1.05rem' },
});

/** For a bid approver: the year's bids still waiting for their council's decision, each with the decision form. */
export function AwaitingSection({
  year,
  onAnswer,
  onChanged,
}: {
  year: string;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const council = useMe().caller.partnerCode;
  const awaiting = useApi<BidList>(`bids?year=${encodeURIComponent(year)}&awaiting=mine`);
  return (
    <Section id="bids-awaiting" title={`Awaiting your decision (${council})`}>
      <Load from={awaiting} label="the bids awaiting your decision">
        {(data) =>
          data.bids.length === 0 ? (
            <Empty>
              No bid of {yearLabel(year)} is waiting for {council}'s decision.
            </Empty>
          ) : (
            <div className={styles.list}>
              {data.bids.map((bid) => (
                <article key={bid.id} className={styles.item} aria-labelledby={`awaiting-${bid.id}`}>
                  <h3 id={`awaiting-${bid.id}`} className={styles.heading}>
                    <TextLink href={hrefOf({ page: 'bids', bidId: bid.id })}>{bid.title}</TextLink>
                  </h3>
                  <ShareDecisionForm bid={bid} onAnswer={onAnswer} onChanged={onChanged} />
                </article>
              ))}
            </div>
          )
        }
      </Load>
    </Section>
  );
}
