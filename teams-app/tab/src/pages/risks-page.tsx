import { makeStyles, Text } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { useApi } from '../api/api';
import { type Answer, AnswerMessage } from '../components/answer-message';
import { Load } from '../components/states';
import { useMe } from '../me';
import { Section } from './plan/data-table';
import { Choice, FilterBar } from './plan/filters';
import { DecisionsTable } from './risks/decisions-table';
import { PendingSection } from './risks/pending-section';
import { RegisterTable } from './risks/register-table';
import { RiskDetail } from './risks/risk-detail';
import { STATUS_LABELS } from './risks/risk-format';
import type { RiskRegister, RiskTolerationStatus, TolerationPage } from './risks/risk-types';
import { ScoreMatrix } from './risks/score-matrix';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '16px' },
  counts: { margin: 0, paddingLeft: '18px' },
});

/**
 * The infrastructure risk registers and their tolerations: with `riskId` (the deep link), that risk alone;
 * otherwise a council's register (joint risks included) with the score matrix, the requests awaiting decisions
 * and the history of decisions.
 */
export function RisksPage({ riskId }: { riskId: string | null }) {
  if (riskId) return <RiskDetail key={riskId} riskId={riskId} />;
  return <RisksOverview />;
}

function RisksOverview() {
  const styles = useStyles();
  const me = useMe();
  const partners = me.partnership.partners;
  const own = partners.some((p) => p.code === me.caller.partnerCode) ? me.caller.partnerCode : '';
  const [council, setCouncil] = useState(own);
  const [answer, setAnswer] = useState<Answer | null>(null);
  // Every section reads again after an action (a decision settles the register's status and the history too).
  const [version, setVersion] = useState(0);
  const onChanged = useCallback(() => setVersion((v) => v + 1), []);
  const councilName = council ? (partners.find((p) => p.code === council)?.name ?? council) : 'all councils';
  const query = council ? `council=${encodeURIComponent(council)}` : '';
  return (
    <div className={styles.page}>
      <FilterBar>
        <Choice
          label="Council"
          value={council}
          onChange={setCouncil}
          options={[{ value: '', text: 'All councils' }, ...partners.map((p) => ({ value: p.code, text: p.name }))]}
        />
      </FilterBar>
      <AnswerMessage answer={answer} />
      <PendingSection
        key={`pending-${query}-${version}`}
        council={council}
        onAnswer={setAnswer}
        onChanged={onChanged}
      />
      <RegisterSection key={`register-${query}-${version}`} query={query} councilName={councilName} />
      <HistorySection key={`history-${query}-${version}`} query={query} councilName={councilName} />
    </div>
  );
}

function RegisterSection({ query, councilName }: { query: string; councilName: string }) {
  const styles = useStyles();
  const register = useApi<RiskRegister>(`risk-register${query ? `?${query}` : ''}`);
  return (
    <Section id="risks-register" title={`Risk register, ${councilName}`}>
      <Load from={register} label="the risk register">
        {(data) => (
          <>
            <ul className={styles.counts} aria-label="Risks by toleration status">
              {(Object.entries(data.counts) as [RiskTolerationStatus, number][])
                .filter(([, count]) => count > 0)
                .map(([status, count]) => (
                  <li key={status}>
                    <Text>
                      {STATUS_LABELS[status]}: {count}
                    </Text>
                  </li>
                ))}
            </ul>
            <ScoreMatrix register={data} councilName={councilName} />
            <RegisterTable register={data} councilName={councilName} />
          </>
        )}
      </Load>
    </Section>
  );
}

function HistorySection({ query, councilName }: { query: string; councilName: string }) {
  const tolerations = useApi<TolerationPage>(`tolerations?pageSize=200${query ? `&${query}` : ''}`);
  return (
    <Section id="risks-history" title="History of decisions">
      <Load from={tolerations} label="the history of decisions">
        {(data) => (
          <DecisionsTable
            tolerations={data.items}
            caption={`Toleration decisions, ${councilName}, newest first`}
            filename="risk-toleration-decisions.csv"
            showRisk
          />
        )}
      </Load>
    </Section>
  );
}
