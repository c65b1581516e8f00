import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { formatDateTime, formatGbp, yearLabel } from '../plan/format';
import { BID_STATE_COLOURS, BID_STATE_LABELS } from './bid-format';
import type { Bid } from './bid-types';

const useStyles = makeStyles({
  article: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { margin: 0, fontSize: '1.25rem' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '16px',
    rowGap: '6px',
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0 },
  },
});

/**
 * A bid as it stands, under a heading that takes focus when the bid is opened (`focusTitle`), not when it is read
 * again after an action, whose answer then holds the focus.
 */
export function BidFacts({ bid, focusTitle }: { bid: Bid; focusTitle: boolean }) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, [focusTitle]);
  return (
    <article aria-labelledby="bid-title" className={styles.article}>
      <h2 id="bid-title" ref={heading} tabIndex={-1} className={styles.heading}>
        {bid.title}
      </h2>
      <dl className={styles.facts}>
        <dt>Year</dt>
        <dd>{yearLabel(bid.year)}</dd>
        <dt>State</dt>
        <dd>
          <Badge appearance="tint" color={BID_STATE_COLOURS[bid.status]}>
            {BID_STATE_LABELS[bid.status]}
          </Badge>
          {bid.awaiting.length > 0 ? ` Awaiting ${bid.awaiting.join(', ')}.` : ''}
        </dd>
        <dt>Round</dt>
        <dd>{bid.round === 0 ? 'Not submitted yet' : bid.round}</dd>
        <dt>From</dt>
        <dd>
          {bid.origin === 'plan'
            ? 'The business plan'
            : `Drafted by ${bid.draftedBy?.name ?? 'unknown'}${bid.draftedAt ? `, ${formatDateTime(bid.draftedAt)}` : ''}`}
        </dd>
        <dt>Total</dt>
        <dd>{formatGbp(bid.total)}</dd>
        {bid.notes.length > 0 && (
          <>
            <dt>Notes</dt>
            <dd>{bid.notes.join(' ')}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
