import { Button, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { useApi } from '../../api/api';
import type { Answer } from '../../components/answer-message';
import { Load } from '../../components/states';
import { useMe } from '../../me';
import { hrefOf } from '../../routes';
import { DataTable, Section } from '../plan/data-table';
import { formatDateTime, formatGbp, yearLabel } from '../plan/format';
import { TextLink } from '../status/status-parts';
import type { BidList } from './bid-types';
import { DraftForm } from './draft-form';

const useStyles = makeStyles({ actions: { display: 'flex', gap: '8px' } });

/** For a partnership administrator: the year's drafts (open one to change or submit it) and a new draft. */
export function DraftsSection({
  year,
  onAnswer,
  onChanged,
}: {
  year: string;
  onAnswer(answer: Answer): void;
  onChanged(): void;
}) {
  const styles = useStyles();
  const partners = useMe().partnership.partners;
  const drafts = useApi<BidList>(`bids?year=${encodeURIComponent(year)}&state=draft`);
  const [drafting, setDrafting] = useState(false);
  return (
    <Section id="bids-drafts" title={`Drafts ${yearLabel(year)}`}>
      <Load from={drafts} label="the drafts">
        {(data) => (
          <DataTable
            caption={`Draft bids ${yearLabel(year)}: not before the councils yet`}
            filename={`draft-bids-${year}.csv`}
            empty={`No draft bids for ${yearLabel(year)}.`}
            columns={[
              { label: 'Draft' },
              ...partners.map((p) => ({ label: p.code, numeric: true })),
              { label: 'Total', numeric: true },
              { label: 'Drafted' },
            ]}
            rows={data.bids.map((bid) => ({
              key: bid.id,
              cells: [
                <TextLink key="open" href={hrefOf({ page: 'bids', bidId: bid.id })}>
                  {bid.title}
                </TextLink>,
                ...partners.map((p) => formatGbp(bid.shares.find((s) => s.partnerCode === p.code)?.amount ?? 0)),
                formatGbp(bid.total),
                `${bid.draftedBy?.name ?? ''}, ${formatDateTime(bid.draftedAt)}`,
              ],
              csv: [
                bid.title,
                ...partners.map((p) => bid.shares.find((s) => s.partnerCode === p.code)?.amount ?? 0),
                bid.total,
                bid.draftedAt,
              ],
            }))}
          />
        )}
      </Load>
      {drafting ? (
        <DraftForm
          year={year}
          onAnswer={onAnswer}
          onSaved={() => {
            setDrafting(false);
            onChanged();
          }}
        />
      ) : (
        <div className={styles.actions}>
          <Button onClick={() => setDrafting(true)}>New draft bid</Button>
        </div>
      )}
    </Section>
  );
}
