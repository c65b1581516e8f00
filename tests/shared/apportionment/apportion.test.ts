import { describe, expect, it } from 'vitest';
import { apportion, chargeToOriginator } from '../../../shared/apportionment/apportion';

/** A small deterministic generator, so a failing case can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const codes = ['CCC', 'HDC', 'SCDC', 'PCC', 'ECDC'];

describe('apportion (largest-remainder rounding to the penny)', () => {
  it('always adds up to the amount exactly, each share within a penny of its exact share', () => {
    const random = generator(2020);
    for (let run = 0; run < 3000; run++) {
      const count = 2 + Math.floor(random() * 4);
      const decimals = run % 3 === 0;
      const drivers = codes.slice(0, count).map((partnerCode) => ({
        partnerCode,
        driver: decimals ? Math.round(random() * 10_000) / 100 : Math.floor(random() * 5_000),
      }));
      if (drivers.every((d) => d.driver === 0)) drivers[0] = { partnerCode: 'CCC', driver: 1 };
      const amount = Math.floor(random() * 1_000_000_000);
      const shares = apportion(amount, drivers);
      expect(shares.reduce((sum, s) => sum + s.pence, 0)).toBe(amount);
      const totalDriver = drivers.reduce((sum, d) => sum + d.driver, 0);
      for (const share of shares) {
        expect(Math.abs(share.pence - (amount * share.driver) / totalDriver)).toBeLessThan(1.000001);
        expect(Number.isInteger(share.pence)).toBe(true);
      }
    }
  });

  it('gives the odd penny to the first partner when remainders and drivers tie', () => {
    const shares = apportion(100, [
      { partnerCode: 'CCC', driver: 1 },
      { partnerCode: 'HDC', driver: 1 },
      { partnerCode: 'SCDC', driver: 1 },
    ]);
    expect(shares.map((s) => s.pence)).toEqual([34, 33, 33]);
  });

  it('gives left-over pence to the largest remainders', () => {
    // exact shares 16.6, 33.3, 50.0 (x 1/10): floors 1, 3, 5 = 9; the one penny left goes to the .6 remainder
    const shares = apportion(10, [
      { partnerCode: 'CCC', driver: 1 },
      { partnerCode: 'HDC', driver: 2 },
      { partnerCode: 'SCDC', driver: 3 },
    ]);
    expect(shares.map((s) => s.pence)).toEqual([2, 3, 5]);
  });

  it('breaks a tie of remainders in favour of the larger driver', () => {
    // 5 pence by 1:1:2 -> exact 1.25, 1.25, 2.5: floors 1, 1, 2; remainders .25, .25, .5 -> SCDC first
    expect(
      apportion(5, [
        { partnerCode: 'CCC', driver: 1 },
        { partnerCode: 'HDC', driver: 1 },
        { partnerCode: 'SCDC', driver: 2 },
      ]).map((s) => s.pence),
    ).toEqual([1, 1, 3]);
  });

  it('gives nothing to a zero driver', () => {
    const shares = apportion(1001, [
      { partnerCode: 'CCC', driver: 0 },
      { partnerCode: 'HDC', driver: 3 },
    ]);
    expect(shares.map((s) => s.pence)).toEqual([0, 1001]);
  });

  it('handles decimal drivers exactly', () => {
    const shares = apportion(1000, [
      { partnerCode: 'CCC', driver: 33.3 },
      { partnerCode: 'HDC', driver: 33.3 },
      { partnerCode: 'SCDC', driver: 33.4 },
    ]);
    expect(shares.map((s) => s.pence)).toEqual([333, 333, 334]);
  });

  it('stays exact for the largest safe amounts with the plan cost per partner as drivers', () => {
    const shares = apportion(Number.MAX_SAFE_INTEGER, [
      { partnerCode: 'CCC', driver: 2_991_556 },
      { partnerCode: 'HDC', driver: 2_084_951 },
      { partnerCode: 'SCDC', driver: 1_375_465 },
    ]);
    expect(shares.reduce((sum, s) => BigInt(s.pence) + sum, 0n)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('charges a legacy cost to its originator in full', () => {
    expect(chargeToOriginator(12_345, ['CCC', 'HDC', 'SCDC'], 'HDC').map((s) => s.pence)).toEqual([0, 12_345, 0]);
  });

  it('refuses amounts and drivers it cannot split', () => {
    const drivers = [{ partnerCode: 'CCC', driver: 1 }];
    expect(() => apportion(-1, drivers)).toThrow(RangeError);
    expect(() => apportion(1.5, drivers)).toThrow(RangeError);
    expect(() => apportion(100, [{ partnerCode: 'CCC', driver: -1 }])).toThrow(RangeError);
    expect(() => apportion(100, [{ partnerCode: 'CCC', driver: 0 }])).toThrow(RangeError);
    expect(() => apportion(100, [{ partnerCode: 'CCC', driver: Number.NaN }])).toThrow(RangeError);
  });
});
