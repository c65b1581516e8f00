import { makeStyles } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { useApi } from '../../api/api';
import { type Answer, AnswerMessage } from '../../components/answer-message';
import { Empty, Load } from '../../components/states';
import { useMe } from '../../me';
import { hrefOf } from '../../routes';
import { Section } from '../plan/data-table';
import { TextLink } from '../status/status-parts';
import { RequestForm } from './request-form';
import { RiskFacts } from './risk-facts';
import { RiskHistory } from './risk-history';
import type { RiskRegister, TolerationPage } from './risk-types';
import { TolerationRound } from './toleration-round';
import { canRequestTolerations } from './who-decides';

const useStyles = makeStyles({ page: { display: 'flex', flexDirection: 'column', gap: '16px' } });

/**
 * One risk (the deep link `#/risks/{id}`, where the cards' "Open in the tab" leads): the risk as it stands, the
 * request awaiting decisions with the decision form or Withdraw, a new request for an administrator, and the
 * history of every request and decision.
 */
export function RiskDetail({ riskId }: { riskId: string }) {
  const styles = useStyles();
  const me = useMe();
  const register = useApi<RiskRegister>('risk-register');
  const history = useApi<TolerationPage>(`risks/${encodeURIComponent(riskId)}/tolerations`);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const reloadRegister = register.reload;
  const reloadHistory = history.reload;
  const onChanged = useCallback(() => {
    reloadRegister();
    reloadHistory();
  }, [reloadRegister, reloadHistory]);
  return (
    <div className={styles.page}>
      <TextLink href={hrefOf({ page: 'risks' })}>← Back to the risk register</TextLink>
      <AnswerMessage answer={answer} />
      <Load from={register} label="the risk">
        {(data) => {
          const entry = data.risks.find((risk) => risk.id === riskId);
          if (!entry) return <Empty>There is no risk {riskId} in the register.</Empty>;
          return (
            <>
              <RiskFacts entry={entry} focusTitle={answer === null} />
              <Load from={history} label="the risk's toleration requests">
                {(rounds) => {
                  const awaiting = rounds.items.find((t) => t.status === 'awaiting');
                  return (
                    <>
                      {awaiting && (
                        <Section id="risk-pending" title="Awaiting decisions">
                          <TolerationRound
                            toleration={awaiting}
                            title={`Request ${awaiting.round}`}
                            onAnswer={setAnswer}
                            onChanged={onChanged}
                          />
                        </Section>
                      )}
                      {!awaiting && canRequestTolerations(me) && (
                        <Section id="risk-request" title="Ask the councils to tolerate this risk">
                          <RequestForm entry={entry} onAnswer={setAnswer} onChanged={onChanged} />
                        </Section>
                      )}
                      <RiskHistory rounds={rounds.items} />
                    </>
                  );
                }}
              </Load>
            </>
          );
        }}
      </Load>
    </div>
  );
}
