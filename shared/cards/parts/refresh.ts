import type { PendingApprover } from '../card-viewer';
import type { ActionData, CardRefresh } from './adaptive-card';

/** The verb of the refresh action: Teams sends it when a listed user opens the card, to fetch their own view. */
export const REFRESH_VERB = 'refreshCard';

/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

/**
 * The refresh block: Teams asks the bot for the card again when one of the approvers still to decide looks at
 * it, so they see their buttons and everyone else the card as posted. Only approvers of councils still to decide
 * are listed, each once, at most 60; with none left (an outcome, or nobody known in Teams) there is no refresh.
 */
export function refreshFor(
  data: ActionData,
  pending: readonly PendingApprover[],
  councilsToDecide: readonly string[],
): CardRefresh | null {
  const councils = new Set(councilsToDecide);
  const userIds = [
    ...new Set(
      pending
        .filter((approver) => councils.has(approver.councilCode))
        .map((approver) => approver.teamsUserId?.trim())
        .filter((id): id is string => Boolean(id)),
    ),
  ].slice(0, MAX_REFRESH_USERS);
  if (userIds.length === 0) return null;
  return { action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { ...data } }, userIds };
}
