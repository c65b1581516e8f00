import { z } from 'zod';
import type { ServiceArea } from './catalogue';
import { nonEmptyText, partnerCode, recordId, storedFields } from './common';

/** The four areas the plan reports service availability over (KPI-2), by id. */
export const STATUS_AREAS = ['network-telephony', 'email', 'internet-web', 'server-infrastructure'] as const;
export const statusArea = z.enum(STATUS_AREAS);
export type StatusArea = z.infer<typeof statusArea>;

/** Each area's name as the plan and the service catalogue (`statusArea` of a catalogue service) print it. */
export const STATUS_AREA_LABELS: Record<StatusArea, ServiceArea> = {
  'network-telephony': 'Network/Telephony',
  email: 'Email',
  'internet-web': 'Internet/web site services',
  'server-infrastructure': 'Centralised server infrastructure',
};

export const incidentKind = z.enum(['incident', 'planned-maintenance']);
export type IncidentKind = z.infer<typeof incidentKind>;

/** Degraded: working but slow or partial, to the point of affecting users; outage: not working. */
export const incidentSeverity = z.enum(['degraded', 'outage']);
export type IncidentSeverity = z.infer<typeof incidentSeverity>;

/** What caused it: a named third party (a supplier, another council), the shared service itself, or not known yet. */
export const incidentCause = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('third-party'), supplier: nonEmptyText.max(200) }).strict(),
  z.object({ kind: z.literal('internal') }).strict(),
  z.object({ kind: z.literal('unknown') }).strict(),
]);
export type IncidentCause = z.infer<typeof incidentCause>;

/** An instant, stored in UTC (`2019-09-03T15:30:00.000Z`); input may carry any offset. */
export const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text).toISOString());

/** Who did something to an incident, as every member of staff may see it (the audit trail keeps the rest). */
export const incidentActor = z.object({ name: z.string().max(200), partnerCode });
export type IncidentActor = z.infer<typeof incidentActor>;

export const incidentUpdate = z.object({ at: instant, text: nonEmptyText.max(4000), by: incidentActor });
export type IncidentUpdate = z.infer<typeof incidentUpdate>;

const title = nonEmptyText.max(200);
const areas = z
  .array(statusArea)
  .min(1, 'name at least one service area')
  .refine((list) => new Set(list).size === list.length, { message: 'an area is named twice' });
const councils = z
  .array(partnerCode)
  .min(1, 'name at least one council')
  .refine((list) => new Set(list).size === list.length, { message: 'a council is named twice' });

/**
 * An incident or planned maintenance in the outage log, as stored and as the API returns it. `end` is null while
 * an incident is open; a planned maintenance always has one (its planned end, or when it really ended once
 * resolved). `services` are catalogue service ids under the areas; `councils` are the partner codes affected.
 * The `sequence` is the start in epoch milliseconds.
 */
export const incident = z.object({
  id: recordId,
  kind: incidentKind,
  title,
  areas,
  services: z.array(recordId),
  councils,
  start: instant,
  end: instant.nullable(),
  severity: incidentSeverity,
  cause: incidentCause,
  updates: z.array(incidentUpdate),
  createdAt: instant,
  createdBy: incidentActor,
  updatedAt: instant,
  /** Who recorded the real end (resolve, or an end given when the incident was recorded); null while open. */
  resolvedAt: instant.nullable(),
  resolvedBy: incidentActor.nullable(),
  /** Set on incidents loaded from a CSV of past outages: the id is then derived from the row's content. */
  source: z.enum(['api', 'import']),
  ...storedFields,
});
export type Incident = z.infer<typeof incident>;

/** A catalogue service by id or by name (either is accepted; the id is stored). */
const serviceReference = nonEmptyText.max(200);

/** POST /incidents. Start defaults to now for an incident; planned maintenance needs its window. */
export const incidentCreate = z
  .object({
    kind: incidentKind.default('incident'),
    title,
    areas,
    services: z.array(serviceReference).max(50).default([]),
    councils,
    start: instant.optional(),
    end: instant.nullable().default(null),
    severity: incidentSeverity,
    cause: incidentCause.default({ kind: 'unknown' }),
    /** A first update to post with it ("Investigating reports of ..."). */
    update: nonEmptyText.max(4000).optional(),
  })
  .strict();
export type IncidentCreate = z.infer<typeof incidentCreate>;

/** PATCH /incidents/{id} with If-Match: any of these fields, at least one. */
export const incidentChanges = z
  .object({
    title,
    areas,
    services: z.array(serviceReference).max(50),
    councils,
    start: instant,
    end: instant.nullable(),
    severity: incidentSeverity,
    cause: incidentCause,
  })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'give at least one field to change' });
export type IncidentChanges = z.infer<typeof incidentChanges>;

/** POST /incidents/{id}/resolve: ends it at `end`, or now; with an optional closing update. */
export const incidentResolve = z
  .object({ end: instant.optional(), update: nonEmptyText.max(4000).optional() })
  .strict();
export type IncidentResolve = z.infer<typeof incidentResolve>;

/** POST /incidents/{id}/updates. */
export const incidentUpdateInput = z.object({ text: nonEmptyText.max(4000) }).strict();
export type IncidentUpdateInput = z.infer<typeof incidentUpdateInput>;

/** A day (the whole day, UK time) or an instant, for the bounds of a date range. */
const bound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** GET /incidents: which incidents, one page at a time, newest start first. */
export const incidentListQuery = z
  .object({
    /** open: under way now; planned: planned maintenance still to start; history: ended. */
    state: z.enum(['all', 'open', 'planned', 'history']).default('all'),
    kind: incidentKind.optional(),
    area: statusArea.optional(),
    council: partnerCode.optional(),
    /** Incidents that overlap [from, to]; a date-only `to` includes that whole day. */
    from: bound.optional(),
    to: bound.optional(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    continuationToken: z
      .string()
      .regex(/^\d{1,9}$/, 'pass back the continuationToken of the previous page')
      .optional(),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

/** The status of an area or a council, worst first. */
export const STATUS_LEVELS = ['outage', 'degraded', 'maintenance', 'operational'] as const;
export type StatusLevel = (typeof STATUS_LEVELS)[number];
