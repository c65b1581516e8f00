import { Button, Checkbox, makeStyles, Text } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { useApi, useApiClient } from '../../api/api';
import { ActionErrorBar } from '../../components/action-error-bar';
import type { Answer } from '../../components/answer-message';
import { type ActionError, actionErrorOf } from '../../components/field-errors';
import { Load } from '../../components/states';
import { TextAreaField } from '../../components/text-area-field';
import { Choice, TextField } from '../plan/filters';
import { listOf, RESPONSE_LABELS, RESPONSE_ORDER } from './risk-format';
import type { RegisterEntry, RiskResponse, Toleration, TolerationSettings } from './risk-types';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', gap: '12px', flexWrap: 'wrap' },
  legend: { padding: 0, marginBottom: '4px' },
});

/** The optional responses a request may offer beside tolerate and treat. */
const OPTIONAL: readonly RiskResponse[] = ['transfer', 'terminate'];

/**
 * A partnership administrator asks every council of a risk to tolerate it: the recommended response, the responses
 * offered, a note, and the review period (the risk level's default from the toleration settings unless changed).
 */
export function RequestForm({
  entry,
  onAnswer,
  onChanged,
}: {
  entry: RegisterEntry;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const settings = useApi<TolerationSettings>('toleration-settings');
  return (
    <Load from={settings} label="the toleration settings">
      {(data) => (
        <RequestFields
          entry={entry}
          defaultDays={data.reviewDays[entry.level]}
          onAnswer={onAnswer}
          onChanged={onChanged}
        />
      )}
    </Load>
  );
}

function RequestFields({
  entry,
  defaultDays,
  onAnswer,
  onChanged,
}: {
  entry: RegisterEntry;
  defaultDays: number;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const client = useApiClient();
  const [recommended, setRecommended] = useState<RiskResponse>('tolerate');
  const [extra, setExtra] = useState<RiskResponse[]>([]);
  const [note, setNote] = useState('');
  const [days, setDays] = useState(String(defaultDays));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const offered = RESPONSE_ORDER.filter((r) => r === 'tolerate' || r === 'treat' || extra.includes(r));
  const daysError = /^\d+$/.test(days.trim()) ? null : 'Enter the number of days, such as 90.';

  const toggle = (response: RiskResponse, on: boolean) => {
    setExtra((current) => (on ? [...current, response] : current.filter((r) => r !== response)));
    if (!on && recommended === response) setRecommended('tolerate');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (daysError) {
      setError({ message: 'Check the review period.', fields: { reviewDays: daysError } });
      return;
    }
    setSending(true);
    setError(null);
    const reviewDays = Number(days.trim());
    try {
      const toleration = await client.send<Toleration>('POST', 'tolerations', {
        riskId: entry.id,
        recommendedResponse: recommended,
        note: note.trim(),
        responses: offered,
        // Left at the level's default, the period follows the level if the risk is rated later.
        ...(reviewDays === defaultDays ? {} : { reviewDays }),
      });
      onAnswer({
        intent: 'success',
        title: `Requested: the councils are asked to tolerate "${entry.category}"`,
        text: `The risk approvers of ${listOf(toleration.pendingCouncils)} are sent a card, and can decide here too.`,
      });
      onChanged();
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
      aria-label={`Ask the councils to tolerate "${entry.category}"`}
    >
      <Text>
        Each council of this risk ({entry.partnerCodes.join(', ')}) is asked to decide; a joint risk is tolerated only
        when every council tolerates it.
      </Text>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Responses offered (tolerate and treat always are)</legend>
        {OPTIONAL.map((response) => (
          <Checkbox
            key={response}
            label={`Offer ${RESPONSE_LABELS[response]}`}
            checked={extra.includes(response)}
            onChange={(_, data) => toggle(response, data.checked === true)}
          />
        ))}
      </fieldset>
      {error?.fields.responses && <Text>Error: {error.fields.responses}</Text>}
      <Choice
        label="Recommended response"
        value={recommended}
        onChange={(value) => setRecommended(value as RiskResponse)}
        options={offered.map((r) => ({ value: r, text: RESPONSE_LABELS[r] }))}
      />
      {error?.fields.recommendedResponse && <Text>Error: {error.fields.recommendedResponse}</Text>}
      <TextField
        label="Review period (days)"
        inputMode="numeric"
        value={days}
        onChange={setDays}
        hint={`The default for ${entry.level} risks is ${defaultDays} days (toleration settings).`}
        error={error?.fields.reviewDays}
      />
      <TextAreaField
        label="Note to the approvers (optional)"
        value={note}
        onChange={setNote}
        error={error?.fields.note}
      />
      <div>
        <Button type="submit" appearance="primary" disabled={sending}>
          {sending ? 'Asking…' : 'Ask the councils to tolerate this risk'}
        </Button>
      </div>
      {error && (
        <ActionErrorBar
          what="Nothing was requested"
          error={error}
          shown={['responses', 'recommendedResponse', 'reviewDays', 'note']}
        />
      )}
    </form>
  );
}
