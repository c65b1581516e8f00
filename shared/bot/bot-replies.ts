import type { CardContext } from '../cards/card-viewer';
import { helpCard } from '../cards/help-card';
import { serviceStatusCard, serviceStatusViewOf } from '../cards/service-status-card';
import type { CurrentStatus } from '../status/current-status';
import type { AdaptiveCardJson } from './bot-messenger';

/** What the bot answers a message with: a line of text, or a card. */
export type BotReply = { kind: 'text'; text: string } | { kind: 'card'; card: AdaptiveCardJson };

/** The commands the bot understands in a message; anything else gets the help. */
export type BotCommand = 'help' | 'status';

/** Reads a message as a command: its plain text, without a mention of the bot, in any case. */
export function commandOf(text: string | undefined): BotCommand {
  const plain = (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim()
    .toLowerCase();
  return plain === 'status' ? 'status' : 'help';
}

const HELP_TEXT = [
  'I post the approvals your council is asked for as cards in this chat: risk tolerations and shares of capital ' +
    'bids, and the licence reports for licence administrators. Decide on the card itself.',
  'Type **status** for the state of the shared IT services now, or **help** for this message.',
].join('\n\n');

/** The answer to "help" and to anything the bot does not understand: the help card. */
export function helpReply(context: CardContext): BotReply {
  return { kind: 'card', card: helpCard(context) };
}

/** The first thing a user sees after installing the app. */
export function welcomeReply(name: string | undefined): BotReply {
  const greeting = name ? `Hello ${name.split(' ')[0]}.` : 'Hello.';
  return { kind: 'text', text: `${greeting} ${HELP_TEXT}` };
}

/** The answer to "status": the service status card of the partnership the user belongs to. */
export function statusReply(status: CurrentStatus, context: CardContext): BotReply {
  return { kind: 'card', card: serviceStatusCard(serviceStatusViewOf(status), context) };
}
