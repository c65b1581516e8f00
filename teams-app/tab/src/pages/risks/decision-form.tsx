import { Button, makeStyles, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useApiClient } from '../../api/api';
import { ActionErrorBar } from '../../components/action-error-bar';
import type { Answer } from '../../components/answer-message';
import { type ActionError, actionErrorOf } from '../../components/field-errors';
import { TextAreaField } from '../../components/text-area-field';
import { decisionAnswer } from './decision-answer';
import { RESPONSE_LABELS, RESPONSE_ORDER } from './risk-format';
import type { DecisionAnswer, RiskResponse, Toleration } from './risk-types';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '8px', maxWidth: '640px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/**
 * A risk approver's decision for their council, through the same API the cards use: the comment, then one button
 * per response offered (the recommended one primary). The decision carries the version of the risk shown, so a
 * risk changed meanwhile records nothing and says so.
 */
export function DecisionForm({
  toleration,
  council,
  onAnswer,
  onChanged,
}: {
  toleration: Toleration;
  council: string;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const client = useApiClient();
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<RiskResponse | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const risk = toleration.riskNow ?? toleration.requestedSnapshot;
  const councilName = toleration.councils.find((c) => c.partnerCode === council)?.name ?? council;
  const outOfDate = toleration.councils.find((c) => c.partnerCode === council)?.outOfDate ?? false;

  const decide = async (response: RiskResponse) => {
    setSending(response);
    setError(null);
    try {
      const answer = await client.send<DecisionAnswer>(
        'POST',
        `tolerations/${encodeURIComponent(toleration.id)}/decisions`,
        { response, comment: comment.trim(), riskVersion: risk.version },
      );
      onAnswer(decisionAnswer(answer, council, response));
      onChanged();
    } catch (failure) {
      setError(actionErrorOf(failure));
    } finally {
      setSending(null);
    }
  };

  const headingId = `decide-${toleration.id}`;
  return (
    <section className={styles.form} aria-labelledby={headingId}>
      <Text id={headingId} weight="semibold">
        Your decision for {councilName} ({council}) is needed. Recommended:{' '}
        {RESPONSE_LABELS[toleration.recommendedResponse]}.
      </Text>
      {(outOfDate || toleration.riskChangedSinceRequest) && (
        <Text>
          The risk changed after the councils were asked: read it as it stands now; your decision records this version.
        </Text>
      )}
      <TextAreaField
        label="Comment (optional)"
        hint="Why you decide so: it is kept with your decision."
        value={comment}
        onChange={setComment}
        error={error?.fields.comment}
      />
      <div className={styles.buttons}>
        {RESPONSE_ORDER.filter((response) => toleration.responses.includes(response)).map((response) => (
          <Button
            key={response}
            appearance={response === toleration.recommendedResponse ? 'primary' : 'secondary'}
            disabled={sending !== null}
            onClick={() => decide(response)}
          >
            {sending === response ? 'Recording…' : RESPONSE_LABELS[response]}
          </Button>
        ))}
      </div>
      {error && <ActionErrorBar what="Your decision was not recorded" error={error} shown={['comment']} />}
    </section>
  );
}
