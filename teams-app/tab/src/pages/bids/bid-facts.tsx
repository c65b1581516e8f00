import { Badge } from '@fluentui/react-components';
import { RecordFacts } from '../../components/record-facts';
import { formatDateTime, formatGbp, yearLabel } from '../plan/format';
import { BID_STATE_COLOURS, BID_STATE_LABELS } from './bid-format';
import type { Bid } from './bid-types';

/** A bid as it stands: year, state, round, origin, total and notes. */
export function BidFacts({ bid, focusTitle }: { bid: Bid; focusTitle: boolean }) {
  return (
    <RecordFacts id="bid-title" title={bid.title} focusTitle={focusTitle}>
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
    </RecordFacts>
  );
}
