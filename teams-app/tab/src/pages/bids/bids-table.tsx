import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Fragment } from 'react';
import { useMe } from '../../me';
import { hrefOf } from '../../routes';
import { DataTable, type Row } from '../plan/data-table';
import { formatGbp, yearLabel } from '../plan/format';
import { TextLink } from '../status/status-parts';
import { BID_STATE_COLOURS, BID_STATE_LABELS, SHARE_STATE_LABELS } from './bid-format';
import type { BidList } from './bid-types';
import { Footnotes } from './footnotes';

const useStyles = makeStyles({
  state: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  notes: { margin: '4px 0 0', paddingLeft: '22px', color: tokens.colorNeutralForeground2 },
});

/**
 * The plan's capital bids table for a year: each bid's amount per council with the state of that council's share
 * and the plan's footnotes (moved to revenue, allocated earlier), the bid's state, and the totals per council and
 * overall as the plan's TOTAL row adds them. The CSV has each council's amount and share state.
 */
export function BidsTable({ list, year }: { list: BidList; year: string }) {
  const styles = useStyles();
  const partners = useMe().partnership.partners;
  const footnotes = new Footnotes();
  const rows: Row[] = list.bids.map((bid) => {
    const shares = partners.map((p) => bid.shares.find((s) => s.partnerCode === p.code));
    const states = partners.map((p) => bid.shareStates.find((s) => s.partnerCode === p.code)?.state);
    return {
      key: bid.id,
      cells: [
        <TextLink key="bid" href={hrefOf({ page: 'bids', bidId: bid.id })}>
          {bid.title}
        </TextLink>,
        ...shares.map((share, index) => {
          if (!share) return '';
          const marks = footnotes.of(bid, share);
          const state = states[index];
          return (
            <Fragment key={share.partnerCode}>
              {formatGbp(share.amount)}
              {marks.map((mark) => (
                <sup key={mark}>
                  <span className={styles.hidden}> note </span>
                  {mark}
                </sup>
              ))}
              {state && <span className={styles.state}>{SHARE_STATE_LABELS[state]}</span>}
            </Fragment>
          );
        }),
        formatGbp(bid.total),
        <Fragment key="state">
          <Badge appearance="tint" color={BID_STATE_COLOURS[bid.status]} style={{ whiteSpace: 'nowrap' }}>
            {BID_STATE_LABELS[bid.status]}
          </Badge>
          {bid.awaiting.length > 0 && <span className={styles.state}>Awaiting {bid.awaiting.join(', ')}</span>}
        </Fragment>,
      ],
      csv: [
        bid.title,
        ...shares.flatMap((share, index) => {
          const state = states[index];
          return [share?.amount ?? null, state ? SHARE_STATE_LABELS[state] : null];
        }),
        bid.total,
        BID_STATE_LABELS[bid.status],
        bid.shares
          .filter((s) => s.note)
          .map((s) => `${s.partnerCode}: ${s.note}`)
          .join('; '),
      ],
    };
  });
  if (rows.length > 0) {
    rows.push({
      key: 'total',
      total: true,
      cells: [
        'Total',
        ...partners.map((p) => formatGbp(list.totals.byPartner[p.code] ?? 0)),
        formatGbp(list.totals.total),
        '',
      ],
      csv: [
        'Total',
        ...partners.flatMap((p) => [list.totals.byPartner[p.code] ?? 0, null]),
        list.totals.total,
        null,
        null,
      ],
    });
  }
  return (
    <div>
      <DataTable
        caption={`Capital bids ${yearLabel(year)} by council (£)`}
        filename={`capital-bids-${year}.csv`}
        empty={`There are no capital bids for ${yearLabel(year)}.`}
        columns={[
          { label: 'Bid' },
          ...partners.map((p) => ({ label: `${p.shortName} (${p.code})`, numeric: true })),
          { label: 'Total', numeric: true },
          { label: 'State' },
        ]}
        csvHeader={[
          'Bid',
          ...partners.flatMap((p) => [`${p.code} (£)`, `${p.code} share`]),
          'Total (£)',
          'State',
          'Notes',
        ]}
        rows={rows}
      />
      {footnotes.texts.length > 0 && (
        <>
          <Text size={200} weight="semibold">
            Notes
          </Text>
          <ol className={styles.notes} aria-label="Notes to the capital bids table">
            {footnotes.texts.map((text) => (
              <li key={text}>
                <Text size={200}>{text}</Text>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
