import { Button, makeStyles, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useApiClient } from '../../api/api';
import { ActionErrorBar } from '../../components/action-error-bar';
import type { Answer } from '../../components/answer-message';
import { type ActionError, actionErrorOf } from '../../components/field-errors';
import { TextAreaField } from '../../components/text-area-field';
import { useMe } from '../../me';
import { formatGbp } from '../plan/format';
import type { Bid } from './bid-types';
import { shareAnswer } from './share-answer';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '8px', maxWidth: '640px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/**
 * A bid approver approves or rejects their council's share, with a comment (needed to reject, so the bid can be
 * re-scoped). The round read is sent with it: a bid resubmitted meanwhile records nothing.
 */
export function ShareDecisionForm({
  bid,
  onAnswer,
  onChanged,
}: {
  bid: Bid;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const me = useMe();
  const client = useApiClient();
  const council = me.caller.partnerCode;
  const share = bid.shares.find((s) => s.partnerCode === council);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<ActionError | null>(null);

  const decide = async (decision: 'approve' | 'reject') => {
    setSending(decision);
    setError(null);
    try {
      const answer = await client.send<Bid>('POST', `bids/${encodeURIComponent(bid.id)}/decisions`, {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        round: bid.round,
      });
      onAnswer(shareAnswer(answer, { council, round: bid.round, decision, userId: me.caller.userId }));
      onChanged();
    } catch (failure) {
      setError(actionErrorOf(failure));
    } finally {
      setSending(null);
    }
  };

  const headingId = `decide-bid-${bid.id}`;
  return (
    <section className={styles.form} aria-labelledby={headingId}>
      <Text id={headingId} weight="semibold">
        Your decision for {council} is needed: its share of "{bid.title}" is {formatGbp(share?.amount ?? 0)}.
      </Text>
      <TextAreaField
        label="Comment (needed to reject)"
        hint="Kept with your decision; a rejection says what to re-scope."
        value={comment}
        onChange={setComment}
        error={error?.fields.comment}
      />
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={sending !== null} onClick={() => decide('approve')}>
          {sending === 'approve' ? 'Recording…' : `Approve ${council}'s share`}
        </Button>
        <Button disabled={sending !== null} onClick={() => decide('reject')}>
          {sending === 'reject' ? 'Recording…' : `Reject ${council}'s share`}
        </Button>
      </div>
      {error && <ActionErrorBar what="Your decision was not recorded" error={error} shown={['comment']} />}
    </section>
  );
}
