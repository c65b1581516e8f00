import type { Answer } from '../../components/answer-message';
import { formatDateTime } from '../plan/format';
import type { Bid } from './bid-types';

/** Where the bid stands after a decision, in a sentence. */
export function bidStanding(bid: Bid): string {
  switch (bid.status) {
    case 'approved':
      return 'The bid is approved: every council with a capital share has approved it.';
    case 'rejected':
      return 'The bid is rejected: it can be re-scoped and resubmitted.';
    case 'moved-to-revenue':
      return 'The bid is moved to revenue.';
    case 'submitted':
      return `Still awaiting ${bid.awaiting.join(', ')}.`;
    case 'draft':
      return 'The bid is a draft.';
  }
}

/**
 * The API answers a decision with the bid as it stands (201 when recorded, 200 when not): whether this council's
 * decision is there in the round decided, and whose it is, says what happened.
 */
export function shareAnswer(
  bid: Bid,
  sent: { council: string; round: number; decision: 'approve' | 'reject'; userId: string },
): Answer {
  const verb = sent.decision === 'approve' ? 'approved' : 'rejected';
  const found = bid.decisions.find((d) => d.round === sent.round && d.partnerCode === sent.council);
  if (found && found.decidedBy.objectId === sent.userId && found.decision === sent.decision) {
    return {
      intent: 'success',
      title: `Recorded: ${sent.council} ${verb} its share of "${bid.title}"`,
      text: bidStanding(bid),
    };
  }
  if (found) {
    return {
      intent: 'info',
      title: `Nothing recorded: ${sent.council} had already decided on "${bid.title}"`,
      text: `${found.decision === 'approve' ? 'Approved' : 'Rejected'} by ${found.decidedBy.name}, ${formatDateTime(
        found.decidedAt,
      )}. ${bidStanding(bid)}`,
    };
  }
  const moved = bid.shares.some((s) => s.partnerCode === sent.council && s.movedToRevenue);
  const reason =
    bid.round !== sent.round
      ? 'the bid was resubmitted since this page was read'
      : moved
        ? `${sent.council}'s share was moved to revenue`
        : 'the bid is settled';
  return { intent: 'warning', title: `Nothing recorded: ${reason}`, text: bidStanding(bid) };
}
