import { describe, expect, it } from 'vitest';
import { computeAvailability, type OutageInterval } from '../../../shared/kpis/service-availability';
import { DEFAULT_SERVICE_CALENDAR } from '../../../shared/kpis/service-calendar';
import { serviceCalendarSettings } from '../../../shared/schemas/service-desk';

/** The plan's Q2 2019/20 outages (250 + 60 + 70 + 180 minutes), as the demo outage log records them. */
const PLAN_Q2_OUTAGES: OutageInterval[] = [
  outage('telephony-hdc', ['network-telephony'], ['HDC'], '2019-07-16T10:05+01:00', '2019-07-16T10:45+01:00'),
  outage('enta-ccc', ['email', 'internet-web'], ['CCC'], '2019-07-18T09:15+01:00', '2019-07-18T10:15+01:00'),
  {
    ...outage(
      'vmb-slow',
      ['network-telephony'],
      ['CCC', 'HDC', 'SCDC'],
      '2019-08-07T13:20+01:00',
      '2019-08-07T16:20+01:00',
    ),
    severity: 'degraded',
  },
  outage('web-all', ['internet-web'], ['CCC', 'HDC', 'SCDC'], '2019-09-02T14:10+01:00', '2019-09-02T14:20+01:00'),
  outage('server-hdc', ['server-infrastructure'], ['HDC'], '2019-09-03T16:30+01:00', '2019-09-03T19:30+01:00'),
  {
    ...outage(
      'maintenance',
      ['network-telephony'],
      ['CCC', 'HDC', 'SCDC'],
      '2019-09-11T12:30+01:00',
      '2019-09-11T13:00+01:00',
    ),
    kind: 'planned-maintenance',
  },
];

function outage(id: string, areas: string[], councils: string[], start: string, end: string | null): OutageInterval {
  return { id, kind: 'incident', severity: 'outage', areas, councils, start, end };
}

const NOW = new Date('2026-01-01T00:00:00Z');
const q2 = (outages: readonly OutageInterval[], settings = DEFAULT_SERVICE_CALENDAR, scope = 'combined') =>
  computeAvailability({ outages, settings, year: '2019-20', quarter: 2, now: NOW }, scope);

describe('KPI-2 Service Availability', () => {
  it("reproduces the plan's 99.57% for Q2 2019/20 with the default calendar", () => {
    const figure = q2(PLAN_Q2_OUTAGES);
    expect(figure.working.outageMinutesByArea).toEqual({
      'network-telephony': 250,
      email: 60,
      'internet-web': 70,
      'server-infrastructure': 180,
    });
    expect(figure.working.outageMinutesTotal).toBe(560);
    expect(figure.working.serviceMinutesPerArea).toBe(33_150);
    expect(figure.working.serviceMinutesTotal).toBe(132_600);
    expect(figure.working.exactPercent).toBeCloseTo(99.5777, 4);
    // cut to two decimals as the plan prints it; rounding would give 99.58
    expect(figure.value).toBe(99.57);
    expect(figure.working.formula).toBe('1 - 560 / (4 x 33,150) = 99.5777%');
    expect(figure.working.rule).toBe('full-duration');
  });

  it('shows why the plan cannot have used round-the-clock minutes or other hours', () => {
    expect(100 * (1 - 560 / (4 * 92 * 1440))).toBeCloseTo(99.894, 3); // 24x7: 99.89%, not the plan's
    const nineToFive = serviceCalendarSettings.parse({
      week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { start: '09:00', end: '17:00' }])),
    });
    expect(q2(PLAN_Q2_OUTAGES, nineToFive).value).toBe(99.55);
    expect(q2(PLAN_Q2_OUTAGES, serviceCalendarSettings.parse({ bankHolidays: 'none' })).value).toBe(99.58);
    expect(q2(PLAN_Q2_OUTAGES, serviceCalendarSettings.parse({ availabilityRounding: 'nearest' })).value).toBe(99.58);
  });

  it('counts only the working-day part of the server outage under working-hours-only', () => {
    const figure = q2(PLAN_Q2_OUTAGES, serviceCalendarSettings.parse({ outageRule: 'working-hours-only' }));
    expect(figure.working.outageMinutesByArea['server-infrastructure']).toBe(30);
    expect(figure.working.outageMinutesTotal).toBe(410);
    expect(figure.value).toBe(99.69);
  });

  it('gives each council the entries affecting it', () => {
    const ccc = q2(PLAN_Q2_OUTAGES, DEFAULT_SERVICE_CALENDAR, 'CCC');
    expect(ccc.working.outageMinutesByArea).toEqual({
      'network-telephony': 210,
      email: 60,
      'internet-web': 70,
      'server-infrastructure': 0,
    });
    expect(ccc.value).toBe(99.74); // 1 - 340 / 132,600 = 99.7436%
    const hdc = q2(PLAN_Q2_OUTAGES, DEFAULT_SERVICE_CALENDAR, 'HDC');
    expect(hdc.working.outageMinutesTotal).toBe(250 + 10 + 180);
    expect(hdc.value).toBe(99.66);
    const scdc = q2(PLAN_Q2_OUTAGES, DEFAULT_SERVICE_CALENDAR, 'SCDC');
    expect(scdc.working.outageMinutesTotal).toBe(210 + 10);
    expect(scdc.value).toBe(99.83);
  });

  it('leaves out degraded service or planned maintenance when the calendar says so', () => {
    const noDegraded = q2(PLAN_Q2_OUTAGES, serviceCalendarSettings.parse({ countDegraded: false }));
    expect(noDegraded.working.outageMinutesTotal).toBe(380);
    expect(noDegraded.working.excluded).toEqual([{ id: 'vmb-slow', reason: 'degraded service is not counted' }]);
    const noPlanned = q2(PLAN_Q2_OUTAGES, serviceCalendarSettings.parse({ countPlannedMaintenance: false }));
    expect(noPlanned.working.outageMinutesTotal).toBe(530);
  });

  it('counts overlapping entries in one area once, and an entry for every council once', () => {
    const overlapping = [
      outage('a', ['email'], ['CCC'], '2019-07-01T10:00+01:00', '2019-07-01T11:00+01:00'),
      outage('b', ['email'], ['HDC'], '2019-07-01T10:30+01:00', '2019-07-01T11:30+01:00'),
    ];
    expect(q2(overlapping).working.outageMinutesByArea.email).toBe(90);
    expect(q2(overlapping, DEFAULT_SERVICE_CALENDAR, 'HDC').working.outageMinutesByArea.email).toBe(60);
  });

  it('counts an open outage up to now and planned work not yet done as nothing', () => {
    const now = new Date('2019-07-01T10:00:00Z');
    const open = outage('open', ['email'], [], '2019-07-01T08:30:00Z', null);
    const future = { ...outage('later', ['email'], [], '2019-07-02T09:00:00Z', '2019-07-02T10:00:00Z') };
    const figure = computeAvailability(
      { outages: [open, future], settings: DEFAULT_SERVICE_CALENDAR, year: '2019-20', quarter: 2, now },
      'combined',
    );
    expect(figure.working.outageMinutesByArea.email).toBe(90);
  });

  it('ignores entries outside the quarter and areas KPI-2 does not measure, saying so', () => {
    const figure = q2([
      outage('q1', ['email'], [], '2019-06-30T10:00+01:00', '2019-06-30T11:00+01:00'),
      outage('other', ['printing'], [], '2019-07-02T10:00+01:00', '2019-07-02T11:00+01:00'),
    ]);
    expect(figure.working.outageMinutesTotal).toBe(0);
    expect(figure.value).toBe(100);
    expect(figure.working.excluded).toEqual([{ id: 'other', reason: 'it affects none of the four service areas' }]);
    expect(figure.working.warnings[0]).toMatch(/printing/);
  });
});
