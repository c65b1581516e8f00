import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { type Tagged, useApiClient } from '../../api/api';
import type { Answer } from '../../components/answer-message';
import { actionErrorOf } from '../../components/field-errors';
import type { Bid } from './bid-types';

/** Puts a draft before the councils with a share above £0 (round 1), with the ETag the draft was read at. */
export function SubmitButton({
  bid,
  onAnswer,
  onChanged,
}: {
  bid: Tagged<Bid>;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const client = useApiClient();
  const [sending, setSending] = useState(false);
  const submit = async () => {
    setSending(true);
    try {
      const answer = await client.send<Bid>(
        'POST',
        `bids/${encodeURIComponent(bid.data.id)}/submit`,
        undefined,
        bid.etag ? { 'if-match': bid.etag } : {},
      );
      onAnswer({
        intent: 'success',
        title: `Submitted: "${answer.title}" is before the councils`,
        text: `The bid approvers of ${answer.awaiting.join(', ')} are asked to decide their shares.`,
      });
      onChanged();
    } catch (failure) {
      onAnswer({ intent: 'error', title: 'The bid was not submitted', text: actionErrorOf(failure).message });
    } finally {
      setSending(false);
    }
  };
  return (
    <Button appearance="primary" disabled={sending} onClick={submit}>
      {sending ? 'Submitting…' : 'Submit to the councils'}
    </Button>
  );
}
