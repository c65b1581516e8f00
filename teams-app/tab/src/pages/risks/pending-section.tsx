import { makeStyles, Text } from '@fluentui/react-components';
import { useApi } from '../../api/api';
import type { Answer } from '../../components/answer-message';
import { Empty, Load } from '../../components/states';
import { useMe } from '../../me';
import { hrefOf } from '../../routes';
import { Section } from '../plan/data-table';
import { TextLink } from '../status/status-parts';
import { riskTitle } from './risk-format';
import type { Toleration, TolerationPage } from './risk-types';
import { TolerationRound } from './toleration-round';
import { councilToDecide } from './who-decides';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '12px' },
  counts: { margin: 0, paddingLeft: '18px' },
});

/**
 * Toleration requests awaiting decisions (of the chosen council's risks, or all), how many each council must still
 * decide, and for an approver whose council must decide, the decision itself; theirs come first.
 */
export function PendingSection({
  council,
  onAnswer,
  onChanged,
}: {
  council: string;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const me = useMe();
  const pending = useApi<TolerationPage>(
    `tolerations?state=awaiting&pageSize=200${council ? `&council=${encodeURIComponent(council)}` : ''}`,
  );
  const partners = me.partnership.partners.filter((p) => !council || p.code === council);
  const mineFirst = (items: Toleration[]) =>
    [...items].sort((a, b) => Number(councilToDecide(b, me) !== null) - Number(councilToDecide(a, me) !== null));
  return (
    <Section id="risks-pending" title="Pending decisions">
      <Load from={pending} label="the pending decisions">
        {(data) => (
          <>
            <ul className={styles.counts} aria-label="Decisions still to make, per council">
              {partners.map((p) => {
                const count = data.items.filter((t) => t.pendingCouncils.includes(p.code)).length;
                return (
                  <li key={p.code}>
                    <Text>
                      {p.name}:{' '}
                      {count === 0 ? 'nothing to decide' : `${count} request${count === 1 ? '' : 's'} to decide`}
                    </Text>
                  </li>
                );
              })}
            </ul>
            {data.items.length === 0 ? (
              <Empty>No toleration request is awaiting a decision{council ? ` from ${council}` : ''}.</Empty>
            ) : (
              <div className={styles.list}>
                {mineFirst(data.items).map((toleration) => {
                  const risk = toleration.riskNow ?? toleration.requestedSnapshot;
                  return (
                    <TolerationRound
                      key={toleration.id}
                      toleration={toleration}
                      title={
                        <TextLink href={hrefOf({ page: 'risks', riskId: toleration.riskId })}>
                          {riskTitle(risk)}
                        </TextLink>
                      }
                      onAnswer={onAnswer}
                      onChanged={onChanged}
                    />
                  );
                })}
              </div>
            )}
          </>
        )}
      </Load>
    </Section>
  );
}
