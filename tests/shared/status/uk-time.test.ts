import { describe, expect, it } from 'vitest';
import { fromUkClock, nextDay, parseUkTime, startOfUkDay, ukClock } from '../../../shared/status/uk-time';

describe('UK time', () => {
  it('reads wall-clock times in BST and GMT as UTC instants', () => {
    expect(parseUkTime('2019-09-03 16:30')?.toISOString()).toBe('2019-09-03T15:30:00.000Z');
    expect(parseUkTime('03/09/2019 16:30')?.toISOString()).toBe('2019-09-03T15:30:00.000Z');
    expect(parseUkTime('2019-12-03T16:30:15')?.toISOString()).toBe('2019-12-03T16:30:15.000Z');
    expect(parseUkTime('2019-09-03T16:30:00+02:00')?.toISOString()).toBe('2019-09-03T14:30:00.000Z');
    expect(parseUkTime('2019-09-03T16:30Z')?.toISOString()).toBe('2019-09-03T16:30:00.000Z');
  });

  it('refuses what is no time', () => {
    for (const text of ['', 'yesterday', '2019-02-30 10:00', '31/04/2019 10:00', '2019-09-03 25:00', '2019-09-03']) {
      expect(parseUkTime(text), text).toBeNull();
    }
  });

  it('takes the BST reading in the hour the clocks go back, and GMT for a time skipped in spring', () => {
    expect(fromUkClock({ year: 2019, month: 10, day: 27, hour: 1, minute: 30 })?.toISOString()).toBe(
      '2019-10-27T00:30:00.000Z',
    );
    expect(fromUkClock({ year: 2019, month: 3, day: 31, hour: 1, minute: 30 })?.toISOString()).toBe(
      '2019-03-31T01:30:00.000Z',
    );
  });

  it('gives the UK day and clock at an instant', () => {
    expect(startOfUkDay('2019-07-01')?.toISOString()).toBe('2019-06-30T23:00:00.000Z');
    expect(startOfUkDay('2019-12-01')?.toISOString()).toBe('2019-12-01T00:00:00.000Z');
    expect(nextDay('2019-12-31')).toBe('2020-01-01');
    expect(ukClock(new Date('2019-09-03T23:30:00Z'))).toEqual({
      year: 2019,
      month: 9,
      day: 4,
      hour: 0,
      minute: 30,
      second: 0,
    });
  });
});
