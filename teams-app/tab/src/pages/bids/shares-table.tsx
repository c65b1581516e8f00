import { useMe } from '../../me';
import { DataTable } from '../plan/data-table';
import { formatDateTime, formatGbp } from '../plan/format';
import { SHARE_STATE_LABELS } from './bid-format';
import type { Bid } from './bid-types';

/** Each council's share of a bid, where it stands, and the council's decision in the current round. */
export function SharesTable({ bid }: { bid: Bid }) {
  const partners = useMe().partnership.partners;
  const nameOf = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  return (
    <DataTable
      caption={`Shares of "${bid.title}"`}
      filename={`bid-${bid.id}-shares.csv`}
      empty="The bid has no shares."
      columns={[
        { label: 'Council' },
        { label: 'Amount', numeric: true },
        { label: 'Share' },
        { label: 'Decision this round' },
        { label: 'Note' },
      ]}
      rows={bid.shares.map((share) => {
        const state = bid.shareStates.find((s) => s.partnerCode === share.partnerCode)?.state;
        const decision = bid.decisions.find((d) => d.round === bid.round && d.partnerCode === share.partnerCode);
        const decided = decision
          ? `${decision.decision === 'approve' ? 'Approved' : 'Rejected'} by ${decision.decidedBy.name}, ${formatDateTime(
              decision.decidedAt,
            )}${decision.comment ? `: "${decision.comment}"` : ''}`
          : '';
        return {
          key: share.partnerCode,
          cells: [
            `${nameOf(share.partnerCode)} (${share.partnerCode})`,
            formatGbp(share.amount),
            state ? SHARE_STATE_LABELS[state] : '',
            decided,
            share.note ?? '',
          ],
          csv: [share.partnerCode, share.amount, state ? SHARE_STATE_LABELS[state] : null, decided, share.note ?? null],
        };
      })}
    />
  );
}
