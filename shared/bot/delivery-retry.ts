/**
 * How long one delivery of a round's cards may take: a sender holds a risk notice this long, and the bid outbox
 * leaves a bid changed this recently to the delivery its change started. Long enough for a round's cards to reach
 * every approver of three councils.
 */
export const DELIVERY_LEASE_MS = 2 * 60_000;

/** Tries of one card delivery before the outbox gives up on it (the failures are logged each time). */
export const MAX_DELIVERY_ATTEMPTS = 10;

const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 60 * 60_000;

/**
 * When a delivery that failed `attempts` times may be tried again: after 1, 2, 4 ... minutes, at most six hours
 * apart, so a Bot Connector outage is caught up within minutes while a recipient who can never be reached costs a
 * handful of calls a day, not one every timer run.
 */
export function retryAfter(attempts: number, now: Date): string {
  const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
  return new Date(now.getTime() + delay).toISOString();
}
