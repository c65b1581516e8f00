import { Button, makeStyles } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { useApiClient } from '../../api/api';
import { ActionErrorBar } from '../../components/action-error-bar';
import type { Answer } from '../../components/answer-message';
import { type ActionError, actionErrorOf } from '../../components/field-errors';
import { TextAreaField } from '../../components/text-area-field';
import { hasRole, useMe } from '../../me';
import { Choice } from '../plan/filters';
import { formatGbp } from '../plan/format';
import type { Bid } from './bid-types';
import { bidStanding } from './share-answer';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' } });

const WHOLE_BID = '*';

/** The shares a finance approver may move: their own council's, or (also a partnership admin) any, or the bid. */
export function movableShares(bid: Bid, me: ReturnType<typeof useMe>): { value: string; text: string }[] {
  if (!hasRole(me, 'finance-approver') || bid.status === 'draft' || bid.status === 'rejected') return [];
  const anyCouncil = hasRole(me, 'partnership-admin');
  const shares = bid.shares
    .filter((s) => s.amount > 0 && !s.movedToRevenue && (anyCouncil || s.partnerCode === me.caller.partnerCode))
    .map((s) => ({ value: s.partnerCode, text: `${s.partnerCode}'s share, ${formatGbp(s.amount)}` }));
  return anyCouncil && shares.length > 1 ? [...shares, { value: WHOLE_BID, text: 'The whole bid' }] : shares;
}

/** A finance approver marks a share (or the whole bid) as moved from capital to revenue, as the plan's footnotes do. */
export function RevenueForm({
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
  const options = movableShares(bid, me);
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      const answer = await client.send<Bid>('POST', `bids/${encodeURIComponent(bid.id)}/revenue`, {
        ...(target === WHOLE_BID ? { wholeBid: true } : { partnerCode: target }),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onAnswer({
        intent: 'success',
        title: `Moved to revenue: ${target === WHOLE_BID ? 'every share' : `${target}'s share`} of "${answer.title}"`,
        text: bidStanding(answer),
      });
      onChanged();
    } catch (failure) {
      setError(actionErrorOf(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Move to revenue">
      <Choice label="Share to move" value={target} onChange={setTarget} options={options} />
      <TextAreaField label="Note (optional)" value={note} onChange={setNote} error={error?.fields.note} />
      <div>
        <Button type="submit" disabled={sending || !target}>
          {sending ? 'Moving…' : 'Move to revenue'}
        </Button>
      </div>
      {error && <ActionErrorBar what="Nothing was moved" error={error} shown={['note']} />}
    </form>
  );
}
