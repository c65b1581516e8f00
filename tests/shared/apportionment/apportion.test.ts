import { describe, expect, it } from 'vitest';
import { apportion, chargeToOriginator, type Driver } from '../../../shared/apportionment/apportion';

/** mulberry32: a tiny deterministic generator, so a failing case can be replayed from its seed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const CODES = ['CCC', 'HDC', 'SCDC', 'PCC', 'ECDC'];
/** Every generated driver is a whole number of thousandths, so the exact arithmetic below can use integers. */
const SCALE = 1000n;

const pence = (shares: { pence: number }[]) => shares.map((s) => s.pence);

describe('apportion: every penny accounted for (seeded random cases)', () => {
  it('adds up exactly, gives each partner the floor or the floor plus one of its exact share, and rounds up only the largest remainders', () => {
    const random = generator(20_201_021);
    const int = (below: number) => Math.floor(random() * below);
    for (let run = 0; run < 4000; run++) {
      const count = 2 + int(4);
      // Each driver has 0-3 decimals of its own (a whole number, 33.3, 12.34, 0.125...), so a case mixes precisions.
      const units: bigint[] = [];
      const drivers: Driver[] = CODES.slice(0, count).map((partnerCode) => {
        const decimals = int(4);
        const raw = int(run % 5 === 0 ? 10 : 5_000_000); // small drivers make ties and zero drivers common
        units.push((BigInt(raw) * SCALE) / 10n ** BigInt(decimals));
        return { partnerCode, driver: raw / 10 ** decimals };
      });
      if (units.every((u) => u <= 0n)) {
        units[0] = SCALE;
        drivers[0] = { partnerCode: 'CCC', driver: 1 };
      }
      const amount = run % 50 === 0 ? ([0, 1, 1_000_000_000][int(3)] ?? 0) : int(1_000_000_001);
      const context = `run ${run}: ${amount} by ${drivers.map((d) => d.driver).join(':')}`;

      const shares = apportion(amount, drivers);

      expect(
        shares.map((s) => [s.partnerCode, s.driver]),
        context,
      ).toEqual(drivers.map((d) => [d.partnerCode, d.driver]));
      expect(
        shares.reduce((sum, s) => sum + s.pence, 0),
        context,
      ).toBe(amount);

      const total = units.reduce((sum, u) => sum + u, 0n);
      const exact = units.map((u) => BigInt(amount) * u); // exact share x total, as an integer
      const roundedUp = shares.map((share, i) => {
        const floor = (exact[i] ?? 0n) / total;
        const got = BigInt(share.pence);
        expect(Number.isSafeInteger(share.pence), context).toBe(true);
        // within one penny of the exact share: the floor, or one more, never anything else
        expect(got === floor || got === floor + 1n, context).toBe(true);
        // an exact share is never rounded, and a zero driver never gets a penny
        if ((exact[i] ?? 0n) % total === 0n) expect(got, context).toBe(floor);
        return got === floor + 1n;
      });
      // largest remainder: nobody rounded up has a smaller remainder than anybody left at the floor
      const remainders = exact.map((e) => e % total);
      const smallestUp = remainders.filter((_, i) => roundedUp[i]).reduce((min, r) => (r < min ? r : min), total);
      const largestDown = remainders.filter((_, i) => !roundedUp[i]).reduce((max, r) => (r > max ? r : max), -1n);
      expect(smallestUp >= largestDown, context).toBe(true);
    }
  });

  it('gives the same shares for decimal drivers as for the same proportions written as whole numbers', () => {
    const random = generator(7);
    for (let run = 0; run < 500; run++) {
      const amount = Math.floor(random() * 1_000_000_000);
      const decimal = apportion(amount, [
        { partnerCode: 'CCC', driver: 33.3 },
        { partnerCode: 'HDC', driver: 33.3 },
        { partnerCode: 'SCDC', driver: 33.4 },
      ]);
      const whole = apportion(amount, [
        { partnerCode: 'CCC', driver: 333 },
        { partnerCode: 'HDC', driver: 333 },
        { partnerCode: 'SCDC', driver: 334 },
      ]);
      expect(pence(decimal), `amount ${amount}`).toEqual(pence(whole));
    }
  });
});

describe('apportion: which partner gets the odd penny', () => {
  it('splits 100 pence 1:1:1 as 34/33/33, the odd penny to the first partner in the order given', () => {
    expect(
      pence(
        apportion(100, [
          { partnerCode: 'CCC', driver: 1 },
          { partnerCode: 'HDC', driver: 1 },
          { partnerCode: 'SCDC', driver: 1 },
        ]),
      ),
    ).toEqual([34, 33, 33]);
    const reordered = apportion(100, [
      { partnerCode: 'SCDC', driver: 1 },
      { partnerCode: 'CCC', driver: 1 },
      { partnerCode: 'HDC', driver: 1 },
    ]);
    expect(reordered.find((s) => s.pence === 34)?.partnerCode).toBe('SCDC');
  });

  it('gives two left-over pence to the first two of seven equal partners', () => {
    // 100 / 7 = 14.29 each: floors add up to 98
    const shares = apportion(
      100,
      ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'].map((partnerCode) => ({ partnerCode, driver: 2 })),
    );
    expect(pence(shares)).toEqual([15, 15, 14, 14, 14, 14, 14]);
  });

  it('gives the left-over penny to the largest remainder, even over a larger driver', () => {
    // 100 by 1:2:4 -> exact 14.29, 28.57, 57.14: floors add up to 99; the .57 remainder (driver 2) wins
    expect(
      pence(
        apportion(100, [
          { partnerCode: 'CCC', driver: 1 },
          { partnerCode: 'HDC', driver: 2 },
          { partnerCode: 'SCDC', driver: 4 },
        ]),
      ),
    ).toEqual([14, 29, 57]);
    // 10 by 1:2:3 -> exact 1.67, 3.33, 5: the .67 remainder wins
    expect(
      pence(
        apportion(10, [
          { partnerCode: 'CCC', driver: 1 },
          { partnerCode: 'HDC', driver: 2 },
          { partnerCode: 'SCDC', driver: 3 },
        ]),
      ),
    ).toEqual([2, 3, 5]);
  });

  it('breaks a tie of remainders in favour of the larger driver, wherever it stands in the order', () => {
    // 2 pence by 1:3 -> exact 0.5 and 1.5: equal remainders, the driver of 3 wins
    expect(
      pence(
        apportion(2, [
          { partnerCode: 'CCC', driver: 1 },
          { partnerCode: 'HDC', driver: 3 },
        ]),
      ),
    ).toEqual([0, 2]);
    expect(
      pence(
        apportion(2, [
          { partnerCode: 'HDC', driver: 3 },
          { partnerCode: 'CCC', driver: 1 },
        ]),
      ),
    ).toEqual([2, 0]);
  });

  it('gives nothing to a zero driver, even when it comes first and pence are left over', () => {
    expect(
      pence(
        apportion(100, [
          { partnerCode: 'PCC', driver: 0 },
          { partnerCode: 'CCC', driver: 1 },
          { partnerCode: 'HDC', driver: 1 },
          { partnerCode: 'SCDC', driver: 1 },
        ]),
      ),
    ).toEqual([0, 34, 33, 33]);
  });
});

describe('apportion: decimal drivers and large amounts', () => {
  it('handles decimal drivers exactly, without floating-point drift', () => {
    const shares = apportion(1000, [
      { partnerCode: 'CCC', driver: 33.3 },
      { partnerCode: 'HDC', driver: 33.3 },
      { partnerCode: 'SCDC', driver: 33.4 },
    ]);
    expect(pence(shares)).toEqual([333, 333, 334]);
    expect(shares.map((s) => s.driver)).toEqual([33.3, 33.3, 33.4]);
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; the split must still be exactly 1:2
    expect(
      pence(
        apportion(300, [
          { partnerCode: 'CCC', driver: 0.1 },
          { partnerCode: 'HDC', driver: 0.2 },
        ]),
      ),
    ).toEqual([100, 200]);
    // drivers of different precision share one scale: 0.125 : 0.5 : 1.375 is 1 : 4 : 11
    expect(
      pence(
        apportion(1600, [
          { partnerCode: 'CCC', driver: 0.125 },
          { partnerCode: 'HDC', driver: 0.5 },
          { partnerCode: 'SCDC', driver: 1.375 },
        ]),
      ),
    ).toEqual([100, 400, 1100]);
  });

  it('stays exact for the largest safe amount, split by the 3C ICT cost per partner', () => {
    const drivers = [
      { partnerCode: 'CCC', driver: 2_991_556 },
      { partnerCode: 'HDC', driver: 2_084_951 },
      { partnerCode: 'SCDC', driver: 1_375_465 },
    ];
    const amount = Number.MAX_SAFE_INTEGER;
    const shares = apportion(amount, drivers);
    expect(shares.reduce((sum, s) => sum + BigInt(s.pence), 0n)).toBe(BigInt(amount));
    const total = BigInt(2_991_556 + 2_084_951 + 1_375_465);
    shares.forEach((share, i) => {
      const exact = BigInt(amount) * BigInt(drivers[i]?.driver ?? 0);
      const floor = exact / total;
      expect(Number.isSafeInteger(share.pence)).toBe(true);
      expect([floor, floor + 1n]).toContain(BigInt(share.pence));
    });
  });
});

describe('chargeToOriginator (legacy costs)', () => {
  it('charges the whole amount to the council that incurred it and nothing to the others', () => {
    const shares = chargeToOriginator(12_345, ['CCC', 'HDC', 'SCDC'], 'HDC');
    expect(shares.map((s) => [s.partnerCode, s.pence])).toEqual([
      ['CCC', 0],
      ['HDC', 12_345],
      ['SCDC', 0],
    ]);
  });

  it('refuses an originator that is not one of the partners rather than losing the cost', () => {
    expect(() => chargeToOriginator(12_345, ['CCC', 'HDC', 'SCDC'], 'PCC')).toThrow(RangeError);
  });
});

describe('apportion: what it refuses', () => {
  const one = [{ partnerCode: 'CCC', driver: 1 }];

  it('refuses amounts that are not whole, non-negative, safe numbers of pence', () => {
    for (const amount of [-1, 1.5, 0.01, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => apportion(amount, one), String(amount)).toThrow(RangeError);
    }
  });

  it('refuses negative or non-finite drivers', () => {
    for (const driver of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        () =>
          apportion(100, [
            { partnerCode: 'CCC', driver: 1 },
            { partnerCode: 'HDC', driver },
          ]),
        String(driver),
      ).toThrow(RangeError);
    }
  });

  it('refuses drivers that are all zero, or none at all', () => {
    expect(() =>
      apportion(100, [
        { partnerCode: 'CCC', driver: 0 },
        { partnerCode: 'HDC', driver: 0 },
      ]),
    ).toThrow(RangeError);
    expect(() => apportion(100, [])).toThrow(RangeError);
  });
});
