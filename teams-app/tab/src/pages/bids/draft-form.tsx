import { Button, makeStyles } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { type Tagged, useApiClient } from '../../api/api';
import { ActionErrorBar } from '../../components/action-error-bar';
import type { Answer } from '../../components/answer-message';
import { type ActionError, actionErrorOf } from '../../components/field-errors';
import { TextAreaField } from '../../components/text-area-field';
import { useMe } from '../../me';
import { Choice, TextField } from '../plan/filters';
import { formatGbp, yearLabel } from '../plan/format';
import { amountInputsOf, sharesToSend } from './amounts';
import { AMOUNT_FIELDS, AmountsFields } from './amounts-fields';
import { yearOptions } from './bid-format';
import type { Bid } from './bid-types';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '760px' } });

/**
 * A partnership administrator drafts a capital bid (title, year, every council's amount, notes) or changes a
 * draft, with the ETag it was read at. A new draft carries its own id, so pressing Save twice makes one draft.
 * The API's messages are shown under the fields they are about.
 */
export function DraftForm({
  year,
  draft,
  onAnswer,
  onSaved,
}: {
  year: string;
  /** The draft to change, with its ETag; none to make a new one. */
  draft?: Tagged<Bid>;
  onAnswer(answer: Answer): void;
  onSaved(bid: Bid): void;
}) {
  const styles = useStyles();
  const me = useMe();
  const client = useApiClient();
  const bid = draft?.data;
  const [id] = useState(() => `bid-${crypto.randomUUID()}`);
  const [title, setTitle] = useState(bid?.title ?? '');
  const [bidYear, setBidYear] = useState(bid?.year ?? year);
  const [amounts, setAmounts] = useState(() => amountInputsOf(me, bid?.shares));
  const [notes, setNotes] = useState(bid?.notes.join('\n') ?? '');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const partnerCount = me.partnership.partners.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { shares, problems } = sharesToSend(me, amounts);
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Check the amounts.', fields: problems });
      return;
    }
    setSending(true);
    setError(null);
    const body = {
      year: bidYear,
      title: title.trim(),
      shares,
      notes: notes
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    try {
      const saved = draft
        ? await client.send<Bid>('PATCH', `bids/${encodeURIComponent(draft.data.id)}`, body, {
            'if-match': draft.etag ?? '',
          })
        : await client.send<Bid>('POST', 'bids', { id, ...body });
      onAnswer({
        intent: 'success',
        title: draft ? `Draft saved: "${saved.title}"` : `Draft made: "${saved.title}"`,
        text: `${yearLabel(saved.year)}, ${formatGbp(saved.total)} in all. No council is asked until it is submitted.`,
      });
      onSaved(saved);
    } catch (failure) {
      setError(actionErrorOf(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-label={draft ? 'Change the draft' : 'New draft bid'}
    >
      <TextField label="Title" required value={title} onChange={setTitle} error={error?.fields.title} />
      <Choice
        label="Year"
        value={bidYear}
        onChange={setBidYear}
        options={yearOptions().map((y) => ({ value: y, text: yearLabel(y) }))}
      />
      <AmountsFields inputs={amounts} onChange={setAmounts} error={error} />
      <TextAreaField
        label="Notes (optional, one per line)"
        value={notes}
        onChange={setNotes}
        error={error?.fields.notes}
      />
      <div>
        <Button type="submit" appearance="primary" disabled={sending}>
          {sending ? 'Saving…' : draft ? 'Save the draft' : 'Make the draft'}
        </Button>
      </div>
      {error && (
        <ActionErrorBar
          what="Nothing was saved"
          error={error}
          shown={['title', 'year', 'notes', ...AMOUNT_FIELDS(partnerCount)]}
        />
      )}
    </form>
  );
}
