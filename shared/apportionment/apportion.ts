/** The plan's four ways of sharing a cost between councils (Section 1C). */
export const APPORTIONMENT_RULES = ['staff', 'project', 'shared-running', 'legacy'] as const;
export type ApportionmentRule = (typeof APPORTIONMENT_RULES)[number];

export type Driver = { partnerCode: string; driver: number };
export type Share = { partnerCode: string; driver: number; pence: number };

const MAX_DRIVER_DECIMALS = 6;

/**
 * Splits `amountPence` in proportion to each driver (share = amount x driver / total driver). Shares are whole
 * pence and always add up to the amount exactly: each partner gets the floor of its exact share, and the pence
 * left over go one each to the largest remainders (ties: larger driver, then the order given).
 */
export function apportion(amountPence: number, drivers: readonly Driver[]): Share[] {
  if (!Number.isSafeInteger(amountPence) || amountPence < 0) {
    throw new RangeError('amountPence must be a whole, non-negative number of pence');
  }
  if (drivers.some((d) => !Number.isFinite(d.driver) || d.driver < 0)) {
    throw new RangeError('drivers must be finite and non-negative');
  }
  const scaled = toIntegers(drivers.map((d) => d.driver));
  const totalDriver = scaled.reduce((sum, d) => sum + d, 0n);
  if (totalDriver === 0n) throw new RangeError('at least one driver must be above zero');

  const amount = BigInt(amountPence);
  const parts = drivers.map((d, index) => {
    const exact = amount * (scaled[index] ?? 0n);
    return { ...d, index, pence: exact / totalDriver, remainder: exact % totalDriver };
  });
  let leftOver = amount - parts.reduce((sum, p) => sum + p.pence, 0n);
  const byRemainder = [...parts].sort(
    (a, b) => compareBig(b.remainder, a.remainder) || b.driver - a.driver || a.index - b.index,
  );
  for (const part of byRemainder) {
    if (leftOver === 0n) break;
    if (part.remainder === 0n) continue;
    part.pence += 1n;
    leftOver -= 1n;
  }
  return parts.map((p) => ({ partnerCode: p.partnerCode, driver: p.driver, pence: Number(p.pence) }));
}

/** Legacy costs go to the council that incurred them, in full. */
export function chargeToOriginator(amountPence: number, partnerCodes: readonly string[], originator: string): Share[] {
  return apportion(
    amountPence,
    partnerCodes.map((partnerCode) => ({ partnerCode, driver: partnerCode === originator ? 1 : 0 })),
  );
}

/** Scales decimal drivers by a common power of ten so the arithmetic stays exact. */
function toIntegers(values: number[]): bigint[] {
  const decimals = Math.min(
    MAX_DRIVER_DECIMALS,
    Math.max(0, ...values.map((v) => (String(v).split('.')[1] ?? '').length)),
  );
  const factor = 10 ** decimals;
  return values.map((v) => BigInt(Math.round(v * factor)));
}

const compareBig = (a: bigint, b: bigint) => (a > b ? 1 : a < b ? -1 : 0);
