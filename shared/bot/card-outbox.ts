import type { CardContext } from '../cards/card-viewer';
import type { Stores } from '../stores/stores';
import { bidsWithCardsToDeliver, sendBidCards } from './bid-cards';
import type { BotMessenger } from './bot-messenger';
import { type DeliveryReport, deliverTolerationNotices } from './toleration-cards';

export type CardOutboxReport = {
  riskNotices: DeliveryReport;
  bids: { delivered: string[]; failed: { id: string; reason: string }[] };
};

/**
 * Everything a partnership's approval cards still owe: the risk notices no sender delivered (failed, or whose sender
 * stopped holding them) and the bids whose cards are behind the bid. The delivery after each event does this work
 * at once; this is what makes it certain, run again and again by a timer, after a crash or a Bot Connector outage.
 */
export async function deliverCardOutbox(
  stores: Stores,
  messenger: BotMessenger,
  partnershipId: string,
  now: Date,
  context: CardContext,
): Promise<CardOutboxReport> {
  const riskNotices = await deliverTolerationNotices(stores, messenger, partnershipId, now, context);
  const bids: CardOutboxReport['bids'] = { delivered: [], failed: [] };
  for (const bidId of await bidsWithCardsToDeliver(stores, partnershipId, now)) {
    const report = await sendBidCards(stores, messenger, partnershipId, bidId, now, context).catch((error: Error) => ({
      failed: [error.message],
    }));
    if (report.failed.length === 0) bids.delivered.push(bidId);
    else bids.failed.push({ id: bidId, reason: report.failed.join('; ') });
  }
  return { riskNotices, bids };
}
