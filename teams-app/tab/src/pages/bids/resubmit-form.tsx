import { Button, makeStyles, Text } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { type Tagged, useApiClient } from '../../api/api';
import { ActionErrorBar } from '../../components/action-error-bar';
import type { Answer } from '../../components/answer-message';
import { type ActionError, actionErrorOf } from '../../components/field-errors';
import { TextAreaField } from '../../components/text-area-field';
import { useMe } from '../../me';
import { TextField } from '../plan/filters';
import { amountInputsOf, sharesToSend } from './amounts';
import { AMOUNT_FIELDS, AmountsFields } from './amounts-fields';
import type { Bid } from './bid-types';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '760px' } });

/**
 * Re-scopes a rejected bid and puts it before the councils again (a new round; the earlier ones stay in the
 * history): new amounts per council, optionally a new title, and a comment on what changed. Sent with the ETag
 * the bid was read at.
 */
export function ResubmitForm({
  bid,
  onAnswer,
  onChanged,
}: {
  bid: Tagged<Bid>;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const me = useMe();
  const client = useApiClient();
  const [title, setTitle] = useState(bid.data.title);
  const [amounts, setAmounts] = useState(() => amountInputsOf(me, bid.data.shares));
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { shares, problems } = sharesToSend(me, amounts);
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Check the amounts.', fields: problems });
      return;
    }
    setSending(true);
    setError(null);
    try {
      const answer = await client.send<Bid>(
        'POST',
        `bids/${encodeURIComponent(bid.data.id)}/resubmit`,
        {
          shares,
          ...(title.trim() !== bid.data.title ? { title: title.trim() } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
        { 'if-match': bid.etag ?? '' },
      );
      onAnswer({
        intent: 'success',
        title: `Resubmitted: round ${answer.round} of "${answer.title}"`,
        text: `The bid approvers of ${answer.awaiting.join(', ')} are asked to decide again.`,
      });
      onChanged();
    } catch (failure) {
      setError(actionErrorOf(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Re-scope and resubmit the bid">
      <Text>
        Every council with a share above £0 decides again; give a council £0 to leave it out. Shares moved to revenue
        become capital again unless set to £0.
      </Text>
      <TextField label="Title" required value={title} onChange={setTitle} error={error?.fields.title} />
      <AmountsFields inputs={amounts} onChange={setAmounts} error={error} />
      <TextAreaField
        label="What changed (optional)"
        value={comment}
        onChange={setComment}
        error={error?.fields.comment}
      />
      <div>
        <Button type="submit" appearance="primary" disabled={sending}>
          {sending ? 'Resubmitting…' : 'Resubmit to the councils'}
        </Button>
      </div>
      {error && (
        <ActionErrorBar
          what="Nothing was resubmitted"
          error={error}
          shown={['title', 'comment', ...AMOUNT_FIELDS(me.partnership.partners.length)]}
        />
      )}
    </form>
  );
}
