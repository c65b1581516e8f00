import type { RunningBotConnector } from './bot-connector-simulator';

/**
 * Adds the app for every demo user, as a council's Teams administrator does by policy: Teams tells the bot of each
 * installation, and the bot keeps where to reach each user, so cards can be sent to any demo approver at once.
 * Users who have it already are told again, which changes nothing.
 */
export async function installForDemoUsers(connector: RunningBotConnector): Promise<string> {
  const users = connector.users();
  let failed = 0;
  for (const user of users) {
    const deliveries = await connector.install(user.userPrincipalName);
    if (deliveries.some((delivery) => delivery.status !== 200)) failed += 1;
  }
  const installed = `${users.length - failed} of ${users.length} demo users have the app in their Teams chat`;
  return failed > 0 ? `${installed} (the bot refused ${failed}: see the log above)` : installed;
}
