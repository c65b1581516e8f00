/**
 * Who a card is built for. Teams fetches a card per viewer (`refresh`), so each approver sees their own view:
 * buttons when they can decide now, their council's decision once made, and a read-only card for everyone else.
 */
export type CardViewer = {
  /** Directory (Entra) object id: matched against who made a decision. */
  userId: string;
  /** Teams user id (`29:...`), when the bot knows it. */
  teamsUserId?: string | null;
  name: string;
  councilCode: string;
  /**
   * The workflow's answer: an approver of a council that has still to decide. The builders show buttons only when
   * this is true and the card's record agrees (the council has not decided, no outcome yet).
   */
  canDecide: boolean;
};

/** A council as a card names it. */
export type CouncilRef = { code: string; name: string };

/** An approver who has still to decide: Teams refreshes the card for them, so they see their buttons. */
export type PendingApprover = { councilCode: string; teamsUserId: string | null };

/** What every card that links to the tab needs: the tab's address (the deep links add `#/risks/...` to it). */
export type CardContext = { tabUrl: string };
