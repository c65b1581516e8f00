import type { CardContext } from './card-viewer';
import { type AdaptiveCard, adaptiveCard } from './parts/adaptive-card';
import { factSet } from './parts/facts';
import { cardHeader } from './parts/header';
import { openInTab } from './parts/links';
import { textBlock } from './parts/text';

/** The bot's answer to "help": what it does and what to say to it, briefly. */
export function helpCard(context: CardContext): AdaptiveCard {
  return adaptiveCard({
    body: [
      ...cardHeader({ title: 'ICT Partnership Hub', subtitle: 'What this bot does' }),
      textBlock(
        'It sends risk approvers the risks their council is asked to tolerate, and bid approvers the capital bids their council has a share of: decide on the card, with a comment.',
        { spacing: 'Medium' },
      ),
      textBlock('It also sends licence administrators the licence report after each reconciliation.'),
      factSet(
        [
          ['status', 'The IT services now, and current incidents'],
          ['help', 'This message'],
        ],
        { spacing: 'Medium' },
      ),
      textBlock('Everything else (registers, bids, KPIs, licences) is in the tab.', { isSubtle: true }),
    ],
    actions: [openInTab(context.tabUrl)],
  });
}
