/** The fields of a stored bid that say whether the hub has worked on it; a plan's bid has none of them. */
type BidHistory = {
  id: string;
  origin?: string;
  rounds?: readonly unknown[];
  decisions?: readonly unknown[];
  revenueMoves?: readonly unknown[];
};

/**
 * A bid the hub has worked on: drafted here, or submitted, decided or moved to revenue since a plan loaded it.
 * Importing the plan again leaves such a bid as it stands, so a re-import never wipes the councils' decisions.
 */
export function workedInHub(stored: BidHistory): boolean {
  return (
    stored.origin === 'hub' ||
    (stored.rounds?.length ?? 0) > 0 ||
    (stored.decisions?.length ?? 0) > 0 ||
    (stored.revenueMoves?.length ?? 0) > 0
  );
}
