import { type InputProblem, invalidInput } from '../errors';
import type { ShareAmount } from '../schemas/bid-requests';
import type { BidShare } from '../schemas/bids';
import type { Partnership } from '../schemas/partnership';

/**
 * The shares of a draft or a re-scoped bid, checked against the partnership: every council listed once (zero where
 * it has no share), no other council, and the total, when given, equal to their sum. Returned in the partnership's
 * order of councils, as capital; any problem refuses the whole request with every problem named.
 */
export function sharesFor(
  amounts: readonly ShareAmount[],
  total: number | undefined,
  partnership: Pick<Partnership, 'name' | 'partners'>,
): { shares: BidShare[]; total: number } {
  const codes = partnership.partners.map((partner) => partner.code);
  const problems: InputProblem[] = [];
  amounts.forEach((share, index) => {
    const path = `shares.${index}.partnerCode`;
    if (!codes.includes(share.partnerCode)) {
      problems.push({
        path,
        message: `${share.partnerCode} is not a council of ${partnership.name} (${codes.join(', ')})`,
      });
    } else if (amounts.findIndex((other) => other.partnerCode === share.partnerCode) !== index) {
      problems.push({ path, message: `${share.partnerCode} is listed twice` });
    }
  });
  for (const code of codes.filter((code) => !amounts.some((share) => share.partnerCode === code))) {
    problems.push({ path: 'shares', message: `${code} is missing: list every council, with 0 where it has no share` });
  }
  const sum = amounts.reduce((acc, share) => acc + share.amount, 0);
  if (total !== undefined && total !== sum) {
    problems.push({ path: 'total', message: `the total ${total} differs from the sum of the shares, ${sum}` });
  }
  if (problems.length > 0) throw invalidInput('The amounts are not valid; nothing was changed.', problems);

  const shares = codes.map((code): BidShare => {
    const { amount, note } = amounts.find((share) => share.partnerCode === code) as ShareAmount;
    return note === undefined
      ? { partnerCode: code, amount, movedToRevenue: false }
      : { partnerCode: code, amount, movedToRevenue: false, note };
  });
  return { shares, total: sum };
}
