import type { CardViewer } from '../card-viewer';

/** A council's decision as far as the viewer's standing needs it. */
type Decided = { councilCode: string; by: { userId: string } };

/**
 * Where the viewer stands on a decision between councils:
 * - `can-decide`: an approver of an asked council that has not decided, while no outcome stands: buttons;
 * - `decided`: their council has decided (`byViewer` when they made the decision): they see it;
 * - `council-waiting`: their council is asked and has not decided, but they cannot decide (staff);
 * - `council-closed`: their council was asked, did not decide, and an outcome stands without it;
 * - `not-asked`: their council is not asked (another council's approver, or no share).
 */
export type ViewerStanding<D extends Decided> =
  | { kind: 'can-decide' }
  | { kind: 'decided'; decision: D; byViewer: boolean }
  | { kind: 'council-waiting' }
  | { kind: 'council-closed' }
  | { kind: 'not-asked' };

export function standingOf<D extends Decided>(
  viewer: CardViewer,
  askedCouncils: readonly string[],
  decisions: readonly D[],
  open: boolean,
): ViewerStanding<D> {
  if (!askedCouncils.includes(viewer.councilCode)) return { kind: 'not-asked' };
  const decision = decisions.find((entry) => entry.councilCode === viewer.councilCode);
  if (decision) return { kind: 'decided', decision, byViewer: decision.by.userId === viewer.userId };
  if (!open) return { kind: 'council-closed' };
  return viewer.canDecide ? { kind: 'can-decide' } : { kind: 'council-waiting' };
}

/** The asked councils that have still to decide while no outcome stands: whose approvers Teams refreshes for. */
export function councilsToDecide(
  askedCouncils: readonly string[],
  decisions: readonly { councilCode: string }[],
  open: boolean,
): string[] {
  if (!open) return [];
  const decided = new Set(decisions.map((entry) => entry.councilCode));
  return askedCouncils.filter((code) => !decided.has(code));
}
