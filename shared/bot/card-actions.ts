import { DomainError } from '../errors';
import type { Stores } from '../stores/stores';
import type { BotCaller } from './bot-caller';
import type { AdaptiveCardJson, BotMessenger } from './bot-messenger';

/** What a card action's handler is given: who acted, what the card sent, and the product's stores. */
export type CardActionContext = {
  verb: string;
  /** The acting user, resolved from the verified activity and the partnership's approvers: never from the card. */
  caller: BotCaller;
  /**
   * The action's `data` with the card's inputs merged in: untrusted, as anything a client sends. A card should
   * carry ids only; the handler validates them (zod) and reads the records again.
   */
  data: Readonly<Record<string, unknown>>;
  /** `manual` for a pressed button, `automatic` for Teams refreshing the card as it comes into view. */
  trigger: 'manual' | 'automatic';
  /** The message holding the card, when Teams says which. */
  messageId: string | undefined;
  stores: Stores;
  /** To update the other posted copies of the card once something was decided. */
  messenger: BotMessenger;
  now: Date;
};

/** Answers one verb: the card the user sees next (the updated one, or the current state). */
export type CardActionHandler = (context: CardActionContext) => Promise<AdaptiveCardJson>;

/** The body of an `adaptiveCard/action` invoke response, as Universal Actions define it. */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCardJson }
  | { statusCode: number; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

const VERB = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/**
 * The verbs the bot answers, each with its handler; the workflows register theirs at start-up. A verb is
 * registered once: two workflows answering the same verb would be a bug, so it fails loudly.
 */
export class CardActionRegistry {
  private readonly handlers = new Map<string, CardActionHandler>();

  register(verb: string, handler: CardActionHandler): this {
    if (!VERB.test(verb)) throw new Error(`"${verb}" is not a card action verb (letters, digits, . _ -)`);
    if (this.handlers.has(verb)) throw new Error(`The card action verb "${verb}" is registered twice`);
    this.handlers.set(verb, handler);
    return this;
  }

  /** Removes a verb: for tests that register a double. */
  unregister(verb: string): void {
    this.handlers.delete(verb);
  }

  handlerFor(verb: string): CardActionHandler | undefined {
    return this.handlers.get(verb);
  }

  verbs(): string[] {
    return [...this.handlers.keys()];
  }
}

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'precondition-required': 428,
};

/**
 * Runs the handler of the action's verb and answers as Teams expects: the card to show, or an error it shows the
 * user. An unknown verb is a 400; a refusal from the use-case keeps its meaning (403 for someone who may not
 * decide, 404 for a record that is not there). Anything else is a fault of ours, and is thrown.
 */
export async function runCardAction(
  registry: CardActionRegistry,
  context: CardActionContext,
): Promise<CardActionResponse> {
  const handler = registry.handlerFor(context.verb);
  if (!handler) return cardActionError(400, 'unknown-verb', `This card's action "${context.verb}" is not known.`);
  try {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: await handler(context) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return cardActionError(STATUS_BY_KIND[error.kind], error.kind, error.message);
  }
}

export function cardActionError(statusCode: number, code: string, message: string): CardActionResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
