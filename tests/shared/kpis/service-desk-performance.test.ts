import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DemoTickets } from '../../../local/demo-data/kpis/generate-tickets';
import { DomainError } from '../../../shared/errors';
import { parseTicketExport } from '../../../shared/kpis/import-tickets';
import { DEFAULT_SERVICE_CALENDAR } from '../../../shared/kpis/service-calendar';
import {
  assessTicket,
  computeServiceDeskPerformance,
  type TicketFacts,
} from '../../../shared/kpis/service-desk-performance';
import { serviceCalendarSettings } from '../../../shared/schemas/service-desk';

const COUNCILS = ['CCC', 'HDC', 'SCDC'];
const NOW = new Date('2026-01-01T00:00:00Z');
const demoCsv = () => readFileSync(DemoTickets.file, 'utf8');

function ticket(overrides: Partial<TicketFacts>): TicketFacts {
  return {
    reference: 'INC1',
    priority: 'P3',
    type: 'incident',
    logged: '2019-07-01T08:00:00.000Z', // 09:00 BST, Monday
    responded: '2019-07-01T09:00:00.000Z',
    resolved: '2019-07-02T09:00:00.000Z',
    council: 'HDC',
    resolverGroup: 'service-desk',
    ...overrides,
  };
}

function problemsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.problems;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('KPI-3 to KPI-5 from the demo ticket export of Q2 2019/20', () => {
  const figures = computeServiceDeskPerformance(parseTicketExport(demoCsv(), COUNCILS), DEFAULT_SERVICE_CALENDAR, NOW);
  const combined = (code: string) => figures.find((f) => f.code === code && f.scope === 'combined');

  it("gives the plan's reported resolution figures: 3b 86%, 4b 93%, 5b 93%", () => {
    expect(combined('KPI-3b')).toMatchObject({ year: '2019-20', quarter: 2, value: 86, met: 43, counted: 50 });
    expect(combined('KPI-4b')).toMatchObject({ value: 93, met: 40, counted: 43 });
    expect(combined('KPI-5b')).toMatchObject({ value: 93, met: 93, counted: 100 });
  });

  it('gives the response figures and per-council figures, with every ticket in Q2 and none pending', () => {
    expect(combined('KPI-3a')?.value).toBe(94);
    expect(combined('KPI-4a')?.value).toBe(88.4);
    expect(combined('KPI-5a')?.value).toBe(95);
    expect(figures.every((f) => f.year === '2019-20' && f.quarter === 2 && f.pending === 0)).toBe(true);
    for (const code of ['KPI-3a', 'KPI-3b', 'KPI-4a', 'KPI-4b', 'KPI-5a', 'KPI-5b']) {
      const councils = figures.filter((f) => f.code === code && f.scope !== 'combined');
      expect(councils.map((f) => f.scope)).toEqual(COUNCILS);
      expect(councils.reduce((sum, f) => sum + f.counted, 0)).toBe(combined(code)?.counted);
    }
  });

  it('is the file the seeded generator writes, about 200 rows', () => {
    expect(DemoTickets.generate()).toBe(demoCsv());
    expect(demoCsv().trim().split('\n')).toHaveLength(194);
  });
});

describe('a ticket against its target times', () => {
  it('measures response and resolution in working minutes of the calendar', () => {
    // P3 incident: respond in 240, resolve in 1,530 working minutes
    expect(assessTicket(ticket({}), DEFAULT_SERVICE_CALENDAR, NOW)).toEqual({
      response: 'met',
      resolution: 'met',
      responseMinutes: 60,
      resolutionMinutes: 570, // 09:00-17:00, then 08:30-10:00 the next day
    });
    // logged Friday 16:00, responded Monday 10:00: 60 + 90 = 150 working minutes, not 66 hours
    const overWeekend = ticket({ logged: '2019-07-05T15:00:00.000Z', responded: '2019-07-08T09:00:00.000Z' });
    expect(assessTicket(overWeekend, DEFAULT_SERVICE_CALENDAR, NOW).responseMinutes).toBe(150);
    const p1 = ticket({ priority: 'P1', responded: '2019-07-01T08:20:00.000Z', resolved: '2019-07-01T13:00:00.000Z' });
    expect(assessTicket(p1, DEFAULT_SERVICE_CALENDAR, NOW)).toMatchObject({ response: 'missed', resolution: 'missed' });
  });

  it('counts an open ticket as missed once its target has passed, and leaves it out before', () => {
    const open = ticket({ responded: null, resolved: null });
    expect(assessTicket(open, DEFAULT_SERVICE_CALENDAR, new Date('2019-07-01T09:00:00Z'))).toMatchObject({
      response: 'pending',
      resolution: 'pending',
    });
    expect(assessTicket(open, DEFAULT_SERVICE_CALENDAR, NOW)).toMatchObject({
      response: 'missed',
      resolution: 'missed',
    });
    const figures = computeServiceDeskPerformance([open], DEFAULT_SERVICE_CALENDAR, new Date('2019-07-01T09:00:00Z'));
    expect(figures.find((f) => f.code === 'KPI-3a' && f.scope === 'combined')).toMatchObject({
      value: null,
      counted: 0,
      pending: 1,
    });
  });

  it('follows configured target times', () => {
    const strict = serviceCalendarSettings.parse({
      serviceDeskTargets: { incident: { P3: { respondMinutes: 30, resolveMinutes: 500 } } },
    });
    expect(assessTicket(ticket({}), strict, NOW)).toMatchObject({ response: 'missed', resolution: 'missed' });
  });

  it('sorts incidents to KPI-3 or KPI-4 by resolver group, and requests to KPI-5', () => {
    const figures = computeServiceDeskPerformance(
      [
        ticket({ reference: 'A' }),
        ticket({ reference: 'B', resolverGroup: 'ict' }),
        ticket({ reference: 'C', type: 'request', resolverGroup: null }),
      ],
      DEFAULT_SERVICE_CALENDAR,
      NOW,
    );
    const counted = (code: string) => figures.find((f) => f.code === code && f.scope === 'combined')?.counted;
    expect([counted('KPI-3b'), counted('KPI-4b'), counted('KPI-5b')]).toEqual([1, 1, 1]);
  });
});

describe('reading a ticket export', () => {
  const header = 'reference,priority,type,logged,responded,resolved,council,resolver group';

  it('reads ISO times with an offset and UK wall-clock times', () => {
    const [a, b] = parseTicketExport(
      [
        header,
        'INC1,P2,incident,2019-07-01T09:00:00+01:00,,,HDC,service-desk',
        'REQ1,3,Service request,01/12/2019 09:15,01/12/2019 09:30,2019-12-02 10:00,ccc,',
      ].join('\n'),
      COUNCILS,
    );
    expect(a).toMatchObject({ logged: '2019-07-01T08:00:00.000Z', responded: null, resolved: null });
    expect(b).toMatchObject({
      priority: 'P3',
      type: 'request',
      council: 'CCC',
      logged: '2019-12-01T09:15:00.000Z', // GMT in December
      resolved: '2019-12-02T10:00:00.000Z',
      resolverGroup: null,
    });
  });

  it('names every bad line and what is wrong with it', () => {
    const problems = problemsOf(() =>
      parseTicketExport(
        [
          header,
          'INC1,P2,incident,2019-07-01 09:00,2019-07-01 09:10,2019-07-01 10:00,HDC,service-desk',
          'INC2,P5,incident,2019-07-01 09:00,,,HDC,service-desk',
          'INC3,P2,problem,2019-07-01 09:00,,,XYZ,ict',
          'INC1,P2,incident,31/02/2019 09:00,,,HDC,ict',
          'INC4,P2,incident,2019-07-01 09:00,2019-07-01 08:00,,HDC,',
        ].join('\n'),
        COUNCILS,
      ),
    );
    expect(problems).toEqual([
      { path: 'line 3', message: 'the priority "P5" is not P1, P2, P3 or P4' },
      { path: 'line 4', message: 'the type "problem" is not incident or request' },
      { path: 'line 4', message: 'council "XYZ" is not one of CCC, HDC, SCDC' },
      { path: 'line 5', message: 'reference INC1 is on line 2 already' },
      {
        path: 'line 5',
        message:
          'logged "31/02/2019 09:00" is not a time (use 2019-07-01T09:15:00+01:00, 2019-07-01 09:15 or 01/07/2019 09:15)',
      },
      { path: 'line 6', message: 'an incident needs its resolver group (service-desk or ict)' },
      { path: 'line 6', message: 'responded is before logged' },
    ]);
  });

  it('refuses a file without the columns, or without rows', () => {
    expect(
      problemsOf(() => parseTicketExport('reference,priority,type,logged\nA,P1,incident,2019-07-01 09:00', COUNCILS)),
    ).toEqual([
      { path: 'header', message: 'no "responded" column' },
      { path: 'header', message: 'no "resolved" column' },
      { path: 'header', message: 'no "council" column' },
      { path: 'header', message: 'no "resolver group" column' },
    ]);
    expect(() => parseTicketExport(`${header}\n`, COUNCILS)).toThrow(/no rows/);
  });
});
