import { z } from 'zod';
import { isoDate, partnerCode, recordId, storedFields } from './common';

export const ticketPriority = z.enum(['P1', 'P2', 'P3', 'P4']);
export type TicketPriority = z.infer<typeof ticketPriority>;
export const ticketType = z.enum(['incident', 'request']);
export type TicketType = z.infer<typeof ticketType>;
/**
 * The team that resolved (or holds) a ticket: the IT Service Desk itself, or the rest of 3C ICT behind it. KPI-3
 * counts the desk's incidents and KPI-4 the rest of ICT's (see `shared/kpis/service-desk-performance.ts`).
 */
export const resolverGroup = z.enum(['service-desk', 'ict']);
export type ResolverGroup = z.infer<typeof resolverGroup>;

const instant = z.iso.datetime({ offset: true });

/** A service desk ticket from the export KPI-3 to KPI-5 are computed from; times are UTC instants. */
export const serviceDeskTicket = z.object({
  id: recordId,
  reference: z.string().trim().min(1).max(60),
  priority: ticketPriority,
  type: ticketType,
  logged: instant,
  /** The first response; null while nobody has responded. */
  responded: instant.nullable(),
  /** null while the ticket is open. */
  resolved: instant.nullable(),
  council: partnerCode,
  /** Required for incidents; a request may leave it empty. */
  resolverGroup: resolverGroup.nullable(),
  importedAt: instant,
  ...storedFields,
});
export type ServiceDeskTicket = z.infer<typeof serviceDeskTicket>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is written like 08:30');

/** The hours of one weekday, or null for a day with no agreed service. */
export const serviceHours = z
  .object({ start: clock, end: clock })
  .refine((hours) => hours.start < hours.end, { message: 'the hours end after they start' })
  .nullable();

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MON_FRI = { start: '08:30', end: '17:00' } as const;

const responseTarget = z
  .object({
    /** Working minutes from logging to the first response. */
    respondMinutes: z.number().int().positive(),
    /** Working minutes from logging to resolution. */
    resolveMinutes: z.number().int().positive(),
  })
  .refine((t) => t.respondMinutes <= t.resolveMinutes, { message: 'the response target is within the resolution one' });
export type ResponseTarget = z.infer<typeof responseTarget>;

const DAY = 510; // one working day of 08:30-17:00, in minutes

/**
 * Default target times per priority, in working minutes of the service calendar: a common shape for a council
 * service desk (P1 critical, P4 low). The plan names the measures but not the times, so these are configurable.
 */
export const DEFAULT_SERVICE_DESK_TARGETS = {
  incident: {
    P1: { respondMinutes: 15, resolveMinutes: 240 },
    P2: { respondMinutes: 30, resolveMinutes: DAY },
    P3: { respondMinutes: 240, resolveMinutes: 3 * DAY },
    P4: { respondMinutes: DAY, resolveMinutes: 5 * DAY },
  },
  request: {
    P1: { respondMinutes: 30, resolveMinutes: DAY },
    P2: { respondMinutes: 60, resolveMinutes: 2 * DAY },
    P3: { respondMinutes: 240, resolveMinutes: 5 * DAY },
    P4: { respondMinutes: DAY, resolveMinutes: 10 * DAY },
  },
} as const satisfies Record<TicketType, Record<TicketPriority, ResponseTarget>>;

const targetsByPriority = (defaults: Record<TicketPriority, ResponseTarget>) =>
  z.object({
    P1: responseTarget.default(defaults.P1),
    P2: responseTarget.default(defaults.P2),
    P3: responseTarget.default(defaults.P3),
    P4: responseTarget.default(defaults.P4),
  });

/**
 * The partnership's agreed service hours and the rules KPI-2 to KPI-5 are computed by. Every field has the
 * default the business plan implies, so `{}` is the plan's calendar; see `shared/kpis/service-calendar.ts` for
 * why the default reproduces the plan's 99.57% for Q2 2019/20.
 */
export const serviceCalendarSettings = z
  .object({
    /** Wall-clock hours are UK time (GMT/BST): the councils are in England. */
    timeZone: z.literal('Europe/London').default('Europe/London'),
    week: z
      .object({
        mon: serviceHours.default(MON_FRI),
        tue: serviceHours.default(MON_FRI),
        wed: serviceHours.default(MON_FRI),
        thu: serviceHours.default(MON_FRI),
        fri: serviceHours.default(MON_FRI),
        sat: serviceHours.default(null),
        sun: serviceHours.default(null),
      })
      .strict()
      .default({ mon: MON_FRI, tue: MON_FRI, wed: MON_FRI, thu: MON_FRI, fri: MON_FRI, sat: null, sun: null }),
    /** England and Wales bank holidays (built in for 2019-2027) are days with no agreed service. */
    bankHolidays: z.enum(['england-and-wales', 'none']).default('england-and-wales'),
    /** Further days with no agreed service (a council closure day, a bank holiday of a year not built in). */
    closedDays: z.array(isoDate).max(400).default([]),
    /**
     * How an outage that runs past the working day counts toward KPI-2: `full-duration`, the plan's rule ("for
     * completeness the full period of down time is included"), counts every minute of it; `working-hours-only`
     * counts only the minutes within the agreed service hours.
     */
    outageRule: z.enum(['full-duration', 'working-hours-only']).default('full-duration'),
    /** The plan counts service "degraded to an extent where it is affecting usability" like an outage. */
    countDegraded: z.boolean().default(true),
    /** The plan counts its "30mins planned downtime for maintenance". */
    countPlannedMaintenance: z.boolean().default(true),
    /** The plan's 99.57% is 99.5777...% cut to two decimals: availability is never rounded up. */
    availabilityRounding: z.enum(['down', 'nearest']).default('down'),
    serviceDeskTargets: z
      .object({
        incident: targetsByPriority(DEFAULT_SERVICE_DESK_TARGETS.incident).default(
          DEFAULT_SERVICE_DESK_TARGETS.incident,
        ),
        request: targetsByPriority(DEFAULT_SERVICE_DESK_TARGETS.request).default(DEFAULT_SERVICE_DESK_TARGETS.request),
      })
      .strict()
      .default(DEFAULT_SERVICE_DESK_TARGETS),
  })
  .strict();
export type ServiceCalendarSettings = z.infer<typeof serviceCalendarSettings>;

export const SERVICE_CALENDAR_ID = 'service-calendar';

/** The partnership's agreed service hours for KPI-2 to KPI-5, one record. */
export const serviceCalendarRecord = z.object({
  id: z.literal(SERVICE_CALENDAR_ID),
  settings: serviceCalendarSettings,
  ...storedFields,
});
export type ServiceCalendarRecord = z.infer<typeof serviceCalendarRecord>;
