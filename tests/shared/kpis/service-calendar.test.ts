import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  countedOutageMinutes,
  DEFAULT_SERVICE_CALENDAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  previousQuarters,
  quarterBounds,
  quarterOfDate,
  serviceMinutesInQuarter,
  ukDate,
  ukInstant,
  weekdayOf,
  workingMinutesBetween,
} from '../../../shared/kpis/service-calendar';
import { serviceCalendarSettings } from '../../../shared/schemas/service-desk';

const calendar = DEFAULT_SERVICE_CALENDAR;
const at = (iso: string) => Date.parse(iso);

/** Easter Sunday by the anonymous Gregorian algorithm, to check the listed Good Fridays and Easter Mondays. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const mondays = (year: number, month: number) =>
  Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(year, month - 1, i + 1)))
    .filter((d) => d.getUTCMonth() === month - 1 && d.getUTCDay() === 1)
    .map((d) => d.toISOString().slice(0, 10));

describe('England and Wales bank holidays 2019-2027', () => {
  const years = Object.keys(ENGLAND_AND_WALES_BANK_HOLIDAYS).map(Number);

  it('covers 2019 to 2027 with the regular eight a year, plus the one-off days of 2022 and 2023', () => {
    expect(years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    for (const year of years) {
      const expected = year === 2022 ? 10 : year === 2023 ? 9 : 8;
      expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[year], String(year)).toHaveLength(expected);
    }
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2022]).toEqual(expect.arrayContaining(['2022-06-03', '2022-09-19']));
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2023]).toContain('2023-05-08');
  });

  it('lists only weekdays, each in its own year, in date order', () => {
    for (const year of years) {
      const days = ENGLAND_AND_WALES_BANK_HOLIDAYS[year] ?? [];
      expect([...days].sort()).toEqual(days);
      for (const day of days) {
        expect(day.startsWith(String(year))).toBe(true);
        expect(['sat', 'sun']).not.toContain(weekdayOf(day));
      }
    }
  });

  it('follows the rules: Easter, the May and August Mondays, and substitute days', () => {
    for (const year of years) {
      const days = ENGLAND_AND_WALES_BANK_HOLIDAYS[year] ?? [];
      const easter = easterSunday(year);
      expect(days, `${year} Good Friday`).toContain(shift(easter, -2));
      expect(days, `${year} Easter Monday`).toContain(shift(easter, 1));
      const may = mondays(year, 5);
      if (year !== 2020) expect(days, `${year} early May`).toContain(may[0]); // 2020: moved to Fri 8 May (VE Day)
      if (year !== 2022) expect(days, `${year} spring`).toContain(may[may.length - 1]); // 2022: Thu 2 June
      const august = mondays(year, 8);
      expect(days, `${year} summer`).toContain(august[august.length - 1]);
      // New Year's Day, Christmas Day and Boxing Day, or the next weekdays when they fall on a weekend
      const newYear = `${year}-01-01`;
      const newYearOff = weekdayOf(newYear) === 'sat' ? 2 : weekdayOf(newYear) === 'sun' ? 1 : 0;
      expect(days, `${year} New Year`).toContain(shift(newYear, newYearOff));
      expect(days.filter((d) => d >= `${year}-12-25`)).toHaveLength(2);
    }
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2020]).toContain('2020-05-08');
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2022]).toEqual(expect.arrayContaining(['2022-06-02', '2022-12-27']));
  });
});

describe('UK time', () => {
  it('reads wall-clock hours in BST in summer and GMT in winter, changing on the last Sundays of March and October', () => {
    expect(new Date(ukInstant('2019-09-03', 17 * 60)).toISOString()).toBe('2019-09-03T16:00:00.000Z');
    expect(new Date(ukInstant('2019-12-02', 8 * 60 + 30)).toISOString()).toBe('2019-12-02T08:30:00.000Z');
    expect(new Date(ukInstant('2019-03-31', 12 * 60)).toISOString()).toBe('2019-03-31T11:00:00.000Z');
    expect(new Date(ukInstant('2019-10-27', 12 * 60)).toISOString()).toBe('2019-10-27T12:00:00.000Z');
    expect(ukDate(at('2019-06-30T23:30:00Z'))).toBe('2019-07-01');
    expect(ukDate(at('2019-12-31T23:30:00Z'))).toBe('2019-12-31');
  });
});

describe('quarters of the April-March year', () => {
  it('maps dates to quarters and quarters to their days and UK-midnight bounds', () => {
    expect(quarterOfDate('2019-07-01')).toEqual({ year: '2019-20', quarter: 2 });
    expect(quarterOfDate('2019-09-30')).toEqual({ year: '2019-20', quarter: 2 });
    expect(quarterOfDate('2020-03-31')).toEqual({ year: '2019-20', quarter: 4 });
    expect(quarterOfDate('2020-04-01')).toEqual({ year: '2020-21', quarter: 1 });
    const q2 = quarterBounds('2019-20', 2);
    expect(q2.firstDay).toBe('2019-07-01');
    expect(q2.lastDay).toBe('2019-09-30');
    expect(new Date(q2.start).toISOString()).toBe('2019-06-30T23:00:00.000Z');
    expect(new Date(q2.end).toISOString()).toBe('2019-09-30T23:00:00.000Z');
    expect(quarterBounds('2019-20', 4)).toMatchObject({ firstDay: '2020-01-01', lastDay: '2020-03-31' });
    expect(previousQuarters('2019-20', 2, 3)).toEqual([
      { year: '2018-19', quarter: 3 },
      { year: '2018-19', quarter: 4 },
      { year: '2019-20', quarter: 1 },
    ]);
  });
});

describe('agreed service minutes', () => {
  it('Q2 2019/20 has 65 working days of 08:30-17:00 (510 minutes), the 26 August bank holiday excluded: 33,150', () => {
    const q2 = serviceMinutesInQuarter(calendar, '2019-20', 2);
    expect(q2.serviceDays).toBe(65);
    expect(q2.minutes).toBe(33_150);
    expect(q2.closedDays).toEqual([{ date: '2019-08-26', reason: 'bank holiday' }]);
    expect(q2.warnings).toEqual([]);
  });

  it('follows the configured hours, closed days and bank holiday choice', () => {
    const nineToFive = serviceCalendarSettings.parse({
      week: { mon: { start: '09:00', end: '17:00' }, fri: { start: '08:30', end: '16:30' } },
      closedDays: ['2019-07-01'],
    });
    const q2 = serviceMinutesInQuarter(nineToFive, '2019-20', 2);
    // 64 days; 13 Mondays less 1 closed = 12 at 480; 13 Fridays at 480; 39 others at 510
    expect(q2.serviceDays).toBe(64);
    expect(q2.minutes).toBe(12 * 480 + 13 * 480 + 39 * 510);
    const noHolidays = serviceCalendarSettings.parse({ bankHolidays: 'none' });
    expect(serviceMinutesInQuarter(noHolidays, '2019-20', 2).minutes).toBe(66 * 510);
  });

  it('warns when the built-in bank holidays do not cover the quarter', () => {
    expect(serviceMinutesInQuarter(calendar, '2027-28', 4).warnings[0]).toMatch(/2019-2027 only/);
    expect(serviceMinutesInQuarter(calendar, '2026-27', 4).warnings).toEqual([]);
  });
});

describe('working minutes', () => {
  it('counts only service hours: evenings, weekends and bank holidays do not count', () => {
    // Friday 23 Aug 16:00 BST to Tuesday 27 Aug 09:30 BST: 60 on Friday, the bank holiday Monday, 60 on Tuesday
    expect(workingMinutesBetween(calendar, at('2019-08-23T15:00:00Z'), at('2019-08-27T08:30:00Z'))).toBe(120);
    expect(workingMinutesBetween(calendar, at('2019-07-01T08:00:00Z'), at('2019-07-01T09:00:00Z'))).toBe(60);
    expect(workingMinutesBetween(calendar, at('2019-07-06T09:00:00Z'), at('2019-07-07T15:00:00Z'))).toBe(0);
    const start = at('2019-08-23T15:00:00Z');
    expect(new Date(addWorkingMinutes(calendar, start, 120)).toISOString()).toBe('2019-08-27T08:30:00.000Z');
    expect(workingMinutesBetween(calendar, start, addWorkingMinutes(calendar, start, 2_000))).toBe(2_000);
  });
});

describe('the rule for an outage past the working day', () => {
  // The plan: a server fault at HDC "at the end of the day on 03/09/2019. 30 mins was within the 'working day'
  // up to 5pm, but for completeness the full period of down time is included": 16:30 to 19:30 BST.
  const serverFault = { start: at('2019-09-03T15:30:00Z'), end: at('2019-09-03T18:30:00Z') };
  const q2 = quarterBounds('2019-20', 2);

  it("counts the full 180 minutes under the plan's rule, the default", () => {
    expect(calendar.outageRule).toBe('full-duration');
    expect(countedOutageMinutes(calendar, serverFault, q2)).toBe(180);
  });

  it('counts the 30 minutes before 17:00 under working-hours-only', () => {
    const clipped = { ...calendar, outageRule: 'working-hours-only' as const };
    expect(countedOutageMinutes(clipped, serverFault, q2)).toBe(30);
  });

  it('counts only the part of an outage inside the quarter', () => {
    const acrossQuarterEnd = { start: at('2019-09-30T22:00:00Z'), end: at('2019-09-30T23:30:00Z') };
    expect(countedOutageMinutes(calendar, acrossQuarterEnd, q2)).toBe(60);
  });
});
