import { unauthenticated } from '../../shared/errors';
import { publicHandler } from '../http/api-handler';
import { readJsonBody } from '../http/input';
import { httpFunction } from '../registry';
import { cardActions } from './card-actions';
import { cardContextOf } from './card-context';

/**
 * The bot's messaging endpoint, called by the Bot Connector service for Teams (and by the Agents Playground in
 * development). The Bot Framework token is verified before the body is even read; the activity is then checked
 * against it and its tenant matched to a partnership before the SDK sees it. A refusal records nothing.
 */
const handler = publicHandler(async ({ request, runtime, context }) => {
  if (!runtime.bot) throw unauthenticated('The access token is not valid.');
  const identity = await runtime.bot.authenticate(request.headers.get('authorization'));
  const activity = await readJsonBody(request);
  const answer = await runtime.bot.answer(identity, activity, {
    cardActions,
    cardContext: cardContextOf(runtime),
    log: (line) => context.warn(line),
  });
  return { status: answer.status, body: answer.body ?? null };
});

export const botMessagesFunction = httpFunction('botMessages', { methods: ['POST'], route: 'messages', handler });
