import { hrefOf } from '../../routes';
import { DataTable } from '../plan/data-table';
import { formatDateTime, formatGbp } from '../plan/format';
import { TextLink } from '../status/status-parts';
import type { Bid } from './bid-types';

/**
 * The councils' decisions on the given bids, and the shares moved to revenue, newest first: who, when, the comment
 * and the amount as decided.
 */
export function BidDecisionsTable({
  bids,
  caption,
  filename,
  showBid,
}: {
  bids: Bid[];
  caption: string;
  filename: string;
  showBid: boolean;
}) {
  const entries = bids
    .flatMap((bid) => [
      ...bid.decisions.map((d) => ({
        bid,
        round: d.round,
        council: d.partnerCode,
        what: d.decision === 'approve' ? 'Approved' : 'Rejected',
        by: d.decidedBy.name,
        at: d.decidedAt,
        comment: d.comment ?? '',
        amount: d.asDecided.amount,
      })),
      ...bid.revenueMoves.map((m) => ({
        bid,
        round: m.round,
        council: m.partnerCode,
        what: 'Moved to revenue',
        by: m.movedBy.name,
        at: m.movedAt,
        comment: m.note ?? '',
        amount: m.amount,
      })),
    ])
    .sort((a, b) => b.at.localeCompare(a.at));
  return (
    <DataTable
      caption={caption}
      filename={filename}
      empty="No council has decided yet."
      columns={[
        ...(showBid ? [{ label: 'Bid' }] : []),
        { label: 'Round', numeric: true },
        { label: 'Council' },
        { label: 'Decision' },
        { label: 'By' },
        { label: 'When' },
        { label: 'Comment' },
        { label: 'Share as decided', numeric: true },
      ]}
      rows={entries.map((e) => ({
        key: `${e.bid.id}-${e.round}-${e.council}-${e.what}-${e.at}`,
        cells: [
          ...(showBid
            ? [
                <TextLink key="bid" href={hrefOf({ page: 'bids', bidId: e.bid.id })}>
                  {e.bid.title}
                </TextLink>,
              ]
            : []),
          String(e.round),
          e.council,
          e.what,
          e.by,
          formatDateTime(e.at),
          e.comment || 'No comment',
          formatGbp(e.amount),
        ],
        csv: [...(showBid ? [e.bid.title] : []), e.round, e.council, e.what, e.by, e.at, e.comment, e.amount],
      }))}
    />
  );
}
