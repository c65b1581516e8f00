import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addDays,
  addWorkingMinutes,
  DEFAULT_SERVICE_CALENDAR,
  quarterBounds,
  serviceWindow,
  ukDate,
  ukOffsetMinutes,
} from '../../../shared/kpis/service-calendar';
import type { TicketPriority, TicketType } from '../../../shared/schemas/service-desk';

/**
 * Generates the demo service desk ticket export for Q2 2019/20 (`tickets-2019-20-q2.csv`): 193 tickets whose
 * KPI-3 to KPI-5 figures, computed with the default calendar and target times, are the ones the plan reports to
 * the Shared Services Board: 3b 86% (43 of 50 desk incidents resolved in time), 4b 93% (40 of 43 incidents
 * resolved by the rest of ICT), 5b 93% (93 of 100 requests). Deterministic: a seeded generator, so running it
 * again writes the same file. Run with `npx tsx local/demo-data/kpis/generate-tickets.ts`.
 */
export const DEMO_TICKET_GROUPS = [
  { name: 'desk incidents', type: 'incident', group: 'service-desk', count: 50, responseMet: 47, resolutionMet: 43 },
  { name: 'ict incidents', type: 'incident', group: 'ict', count: 43, responseMet: 38, resolutionMet: 40 },
  { name: 'requests', type: 'request', group: null, count: 100, responseMet: 95, resolutionMet: 93 },
] as const;

const COUNCILS = ['CCC', 'HDC', 'SCDC'] as const;
const PRIORITY_WEIGHTS: Record<TicketType, [TicketPriority, number][]> = {
  incident: [
    ['P1', 2],
    ['P2', 12],
    ['P3', 56],
    ['P4', 30],
  ],
  request: [
    ['P1', 1],
    ['P2', 9],
    ['P3', 50],
    ['P4', 40],
  ],
};

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDemoTickets(): string {
  const random = mulberry32(20190701);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(weights: [T, number][]): T => {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let roll = random() * total;
    for (const [value, weight] of weights) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return weights[weights.length - 1]?.[0] as T;
  };
  const shuffledFlags = (count: number, met: number) => {
    const flags = Array.from({ length: count }, (_, i) => i < met);
    for (let i = flags.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [flags[i], flags[j]] = [flags[j] as boolean, flags[i] as boolean];
    }
    return flags;
  };

  const settings = DEFAULT_SERVICE_CALENDAR;
  const { firstDay, lastDay } = quarterBounds('2019-20', 2);
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) if (serviceWindow(settings, day)) days.push(day);

  type Row = { logged: number; type: TicketType; cells: string[] };
  const rows: Row[] = [];
  for (const group of DEMO_TICKET_GROUPS) {
    const responseFlags = shuffledFlags(group.count, group.responseMet);
    const resolutionFlags = shuffledFlags(group.count, group.resolutionMet);
    for (let i = 0; i < group.count; i++) {
      const priority = pick(PRIORITY_WEIGHTS[group.type]);
      const target = settings.serviceDeskTargets[group.type][priority];
      const day = days[Math.floor(random() * days.length)] as string;
      const window = serviceWindow(settings, day) as { start: number; end: number };
      // Logged on a whole minute of the working day, before 16:30.
      const logged = window.start + Math.floor(random() * ((window.end - window.start) / 60_000 - 30)) * 60_000;
      const responseMinutes = responseFlags[i]
        ? Math.max(1, Math.round(target.respondMinutes * between(0.1, 0.9)))
        : Math.round(target.respondMinutes * between(1.3, 3)) + 5;
      const resolutionMinutes = resolutionFlags[i]
        ? Math.round(between(Math.max(responseMinutes + 10, 0.3 * target.resolveMinutes), 0.95 * target.resolveMinutes))
        : Math.round(target.resolveMinutes * between(1.2, 2.5));
      const resolverGroup = group.group ?? (random() < 0.7 ? 'service-desk' : 'ict');
      const council = pick([
        [COUNCILS[0], 35],
        [COUNCILS[1], 40],
        [COUNCILS[2], 25],
      ]);
      rows.push({
        logged,
        type: group.type,
        cells: [
          priority,
          group.type,
          ukText(logged),
          ukText(addWorkingMinutes(settings, logged, responseMinutes)),
          ukText(addWorkingMinutes(settings, logged, resolutionMinutes)),
          council,
          resolverGroup,
        ],
      });
    }
  }
  rows.sort((a, b) => a.logged - b.logged);
  let incident = 19_204;
  let request = 7_310;
  const lines = rows.map((row) =>
    [
      row.type === 'incident'
        ? `INC${String(incident++).padStart(7, '0')}`
        : `REQ${String(request++).padStart(7, '0')}`,
      ...row.cells,
    ].join(','),
  );
  return `${['reference,priority,type,logged,responded,resolved,council,resolver group', ...lines].join('\n')}\n`;
}

/** UK wall-clock time as a service desk export writes it: 2019-07-01 09:15. */
function ukText(instant: number): string {
  const local = new Date(instant + ukOffsetMinutes(instant) * 60_000).toISOString();
  return `${ukDate(instant)} ${local.slice(11, 16)}`;
}

/** The committed file and the generator that writes it. */
export const DemoTickets = { file: join(__dirname, 'tickets-2019-20-q2.csv'), generate: generateDemoTickets };

if (require.main === module) {
  writeFileSync(DemoTickets.file, generateDemoTickets());
  console.log(`Wrote ${DemoTickets.file}`);
}
