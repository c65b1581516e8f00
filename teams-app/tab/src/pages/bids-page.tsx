import { makeStyles } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { useApi } from '../api/api';
import { type Answer, AnswerMessage } from '../components/answer-message';
import { Load } from '../components/states';
import { hasRole, useMe } from '../me';
import { AwaitingSection } from './bids/awaiting-section';
import { BidDecisionsTable } from './bids/bid-decisions-table';
import { BidDetail } from './bids/bid-detail';
import { yearOptions } from './bids/bid-format';
import type { BidList } from './bids/bid-types';
import { BidsTable } from './bids/bids-table';
import { DraftsSection } from './bids/drafts-section';
import { TotalsTable } from './bids/totals-table';
import { Section } from './plan/data-table';
import { Choice, FilterBar } from './plan/filters';
import { yearLabel } from './plan/format';

const useStyles = makeStyles({ page: { display: 'flex', flexDirection: 'column', gap: '16px' } });

/** The year of the demo plan's capital bids table. */
const DEFAULT_YEAR = '2020-21';

/**
 * Capital bids: with `bidId` (the deep link), that bid alone; otherwise a year's bids as the plan's table (each
 * council's share and its state, totals per council), the decisions made, and by role the bids awaiting the
 * user's council and the drafts.
 */
export function BidsPage({ bidId }: { bidId: string | null }) {
  if (bidId) return <BidDetail key={bidId} bidId={bidId} />;
  return <BidsOverview />;
}

function BidsOverview() {
  const styles = useStyles();
  const me = useMe();
  const [year, setYear] = useState(DEFAULT_YEAR);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [version, setVersion] = useState(0);
  const onChanged = useCallback(() => setVersion((v) => v + 1), []);
  const key = `${year}-${version}`;
  return (
    <div className={styles.page}>
      <FilterBar>
        <Choice
          label="Year"
          value={year}
          onChange={setYear}
          options={yearOptions().map((y) => ({ value: y, text: yearLabel(y) }))}
        />
      </FilterBar>
      <AnswerMessage answer={answer} />
      {hasRole(me, 'bid-approver') && (
        <AwaitingSection key={`awaiting-${key}`} year={year} onAnswer={setAnswer} onChanged={onChanged} />
      )}
      <YearSections key={`year-${key}`} year={year} />
      {hasRole(me, 'partnership-admin') && (
        <DraftsSection key={`drafts-${key}`} year={year} onAnswer={setAnswer} onChanged={onChanged} />
      )}
    </div>
  );
}

function YearSections({ year }: { year: string }) {
  const list = useApi<BidList>(`bids?year=${encodeURIComponent(year)}`);
  return (
    <Load from={list} label={`the capital bids for ${yearLabel(year)}`}>
      {(data) => (
        <>
          <Section id="bids-year" title={`Capital bids ${yearLabel(year)}`}>
            <BidsTable list={data} year={year} />
          </Section>
          {data.bids.length > 0 && (
            <Section id="bids-totals" title="Totals per council">
              <TotalsTable totals={data.totals} year={year} />
            </Section>
          )}
          <Section id="bids-decisions" title="Decision history">
            <BidDecisionsTable
              bids={data.bids}
              caption={`Decisions on the capital bids of ${yearLabel(year)}, newest first`}
              filename={`capital-bid-decisions-${year}.csv`}
              showBid
            />
          </Section>
        </>
      )}
    </Load>
  );
}
