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

/**
 * The answer to "help" and to anything the bot does not understand. Plain text for now; a help card from
 * shared/cards can replace it here, and every caller follows.
 */
export function helpReply(): BotReply {
  return { kind: 'text', text: HELP_TEXT };
}

/** The first thing a user sees after installing the app. */
export function welcomeReply(name: string | undefined): BotReply {
  const greeting = name ? `Hello ${name.split(' ')[0]}.` : 'Hello.';
  return { kind: 'text', text: `${greeting} ${HELP_TEXT}` };
}

const LEVEL_WORDS: Record<CurrentStatus['overall'], string> = {
  outage: 'Outage',
  degraded: 'Degraded',
  maintenance: 'Planned work under way',
  operational: 'All services operational',
};

/** A brief status: the overall level, each area that is not operational, and planned work coming. */
export function statusReply(status: CurrentStatus, partnershipName: string): BotReply {
  const lines = [`**${partnershipName}: ${LEVEL_WORDS[status.overall]}**`];
  for (const area of status.areas.filter((a) => a.status !== 'operational')) {
    const incidents = area.incidentIds.length;
    lines.push(
      `- ${area.label}: ${LEVEL_WORDS[area.status]} (${incidents} ${incidents === 1 ? 'incident' : 'incidents'})`,
    );
  }
  for (const incident of status.current.slice(0, 3)) lines.push(`- Now: ${incident.title}`);
  const planned = status.plannedSoon.length;
  if (planned > 0) {
    const days = status.plannedWorkHorizonDays;
    lines.push(`${planned} planned ${planned === 1 ? 'piece' : 'pieces'} of work in the next ${days} days.`);
  }
  return { kind: 'text', text: lines.join('\n') };
}
