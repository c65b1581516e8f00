import { makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { type Tagged, useTaggedApi } from '../../api/api';
import { type Answer, AnswerMessage } from '../../components/answer-message';
import { Load } from '../../components/states';
import { hasRole, type Me, useMe } from '../../me';
import { hrefOf } from '../../routes';
import { Section } from '../plan/data-table';
import { TextLink } from '../status/status-parts';
import { BidDecisionsTable } from './bid-decisions-table';
import { BidFacts } from './bid-facts';
import { BidRounds } from './bid-rounds';
import type { Bid } from './bid-types';
import { DraftForm } from './draft-form';
import { ResubmitForm } from './resubmit-form';
import { movableShares, RevenueForm } from './revenue-form';
import { ShareDecisionForm } from './share-decision-form';
import { SharesTable } from './shares-table';
import { SubmitButton } from './submit-button';

const useStyles = makeStyles({ page: { display: 'flex', flexDirection: 'column', gap: '16px' } });

const canDecide = (bid: Bid, me: Me) => hasRole(me, 'bid-approver') && bid.awaiting.includes(me.caller.partnerCode);
const canEditDraft = (bid: Bid, me: Me) => bid.status === 'draft' && hasRole(me, 'partnership-admin');
/** The API lets the submitter of the rejected round, or a partnership administrator, resubmit. */
const canResubmit = (bid: Bid, me: Me) =>
  bid.status === 'rejected' &&
  (hasRole(me, 'partnership-admin') || bid.rounds.at(-1)?.submittedBy?.objectId === me.caller.userId);

/**
 * One capital bid (the deep link `#/bids/{id}`, where the cards' "Open in the tab" leads): its shares and their
 * state, what the signed-in user may do with it (decide their council's share, change and submit a draft,
 * resubmit a rejected bid, move a share to revenue), and its history.
 */
export function BidDetail({ bidId }: { bidId: string }) {
  const styles = useStyles();
  const bid = useTaggedApi<Bid>(`bids/${encodeURIComponent(bidId)}`);
  const [answer, setAnswer] = useState<Answer | null>(null);
  return (
    <div className={styles.page}>
      <TextLink href={hrefOf({ page: 'bids' })}>← Back to the capital bids</TextLink>
      <AnswerMessage answer={answer} />
      <Load from={bid} label="the bid">
        {(tagged) => <BidView tagged={tagged} answered={answer !== null} onAnswer={setAnswer} onChanged={bid.reload} />}
      </Load>
    </div>
  );
}

function BidView({
  tagged,
  answered,
  onAnswer,
  onChanged,
}: {
  tagged: Tagged<Bid>;
  answered: boolean;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const me = useMe();
  const bid = tagged.data;
  const actions = { onAnswer, onChanged };
  return (
    <>
      <BidFacts bid={bid} focusTitle={!answered} />
      <Section id="bid-shares" title="Shares">
        <SharesTable bid={bid} />
      </Section>
      {canDecide(bid, me) && (
        <Section id="bid-decide" title="Your decision">
          <ShareDecisionForm bid={bid} {...actions} />
        </Section>
      )}
      {canEditDraft(bid, me) && (
        <Section id="bid-draft" title="Submit or change the draft">
          <div>
            <SubmitButton bid={tagged} {...actions} />
          </div>
          <DraftForm year={bid.year} draft={tagged} onAnswer={onAnswer} onSaved={onChanged} />
        </Section>
      )}
      {canResubmit(bid, me) && (
        <Section id="bid-resubmit" title="Re-scope and resubmit">
          <ResubmitForm bid={tagged} {...actions} />
        </Section>
      )}
      {movableShares(bid, me).length > 0 && (
        <Section id="bid-revenue" title="Move to revenue">
          <RevenueForm bid={bid} {...actions} />
        </Section>
      )}
      <Section id="bid-history" title="History">
        <BidRounds bid={bid} />
        <BidDecisionsTable
          bids={[bid]}
          caption={`Decisions on "${bid.title}", newest first`}
          filename={`bid-${bid.id}-decisions.csv`}
          showBid={false}
        />
      </Section>
    </>
  );
}
