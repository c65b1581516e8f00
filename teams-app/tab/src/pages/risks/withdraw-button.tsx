import { Button, makeStyles, mergeClasses, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../../api/api';
import type { Answer } from '../../components/answer-message';
import { actionErrorOf } from '../../components/field-errors';
import type { Toleration } from './risk-types';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  fieldset: { border: 'none', margin: 0, padding: 0 },
  legend: { padding: 0 },
});

/** A partnership administrator withdraws a request still awaiting decisions, after saying yes once more. */
export function WithdrawButton({
  toleration,
  onAnswer,
  onChanged,
}: {
  toleration: Toleration;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const client = useApiClient();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  // The button pressed is replaced by the question: focus goes to its answer.
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);
  const category = (toleration.riskNow ?? toleration.requestedSnapshot).category;

  const withdraw = async () => {
    setSending(true);
    try {
      await client.send('POST', `tolerations/${encodeURIComponent(toleration.id)}/withdraw`);
      onAnswer({
        intent: 'success',
        title: `Withdrawn: the request on "${category}" no longer awaits decisions`,
        text: "The approvers' cards say so. You can ask again with other terms.",
      });
      onChanged();
    } catch (failure) {
      onAnswer({ intent: 'error', title: 'The request was not withdrawn', text: actionErrorOf(failure).message });
    } finally {
      setSending(false);
      setConfirming(false);
    }
  };

  if (!confirming) {
    return (
      <div className={styles.row}>
        <Button onClick={() => setConfirming(true)}>Withdraw request</Button>
      </div>
    );
  }
  return (
    <fieldset className={mergeClasses(styles.row, styles.fieldset)}>
      <legend className={styles.legend}>
        <Text>Withdraw the request on "{category}"? The councils that have not decided will not be asked.</Text>
      </legend>
      <Button ref={yes} appearance="primary" disabled={sending} onClick={withdraw}>
        {sending ? 'Withdrawing…' : 'Yes, withdraw'}
      </Button>
      <Button disabled={sending} onClick={() => setConfirming(false)}>
        Keep the request
      </Button>
    </fieldset>
  );
}
