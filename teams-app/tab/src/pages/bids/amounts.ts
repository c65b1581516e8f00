import type { Me } from '../../me';
import type { BidShare } from './bid-types';

/** What the user typed per council code. */
export type AmountInputs = Record<string, string>;

export function amountInputsOf(me: Me, shares: readonly BidShare[] = []): AmountInputs {
  return Object.fromEntries(
    me.partnership.partners.map((p) => [p.code, String(shares.find((s) => s.partnerCode === p.code)?.amount ?? '')]),
  );
}

/**
 * The shares to send, every council in the partnership's order (the API wants each listed, zero allowed), and the
 * problems found before sending, under the API's own paths (`shares.1.amount`). "£25,000" is read as 25000;
 * anything numeric goes to the API, which says what is wrong with it (not whole pounds, below zero).
 */
export function sharesToSend(
  me: Me,
  inputs: AmountInputs,
): { shares: { partnerCode: string; amount: number }[]; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const shares = me.partnership.partners.map((p, index) => {
    const text = (inputs[p.code] ?? '').replace(/[£,\s]/g, '');
    if (text === '') problems[`shares.${index}.amount`] = 'Enter an amount in whole pounds, 0 if the council has none.';
    else if (!/^-?\d+(\.\d+)?$/.test(text)) problems[`shares.${index}.amount`] = 'Enter whole pounds, such as 25000.';
    return { partnerCode: p.code, amount: Number(text) };
  });
  return { shares, problems };
}

/** The sum of what is typed so far, for the running total; null while an amount is not a number. */
export function sumOf(inputs: AmountInputs): number | null {
  let sum = 0;
  for (const value of Object.values(inputs)) {
    const amount = Number(value.replace(/[£,\s]/g, '') || 0);
    if (!Number.isFinite(amount)) return null;
    sum += amount;
  }
  return sum;
}
