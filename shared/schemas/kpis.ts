import { z } from 'zod';
import { financialYear, nonEmptyText, partnerCode, recordId } from './common';

export const kpiTarget = z
  .object({
    year: financialYear,
    /** Numeric target in the KPI's unit (percent, or whole pounds). */
    value: z.number().nullable(),
    /** Text target where the plan gives no number ("Business Case"). */
    text: z.string().nullable(),
    /** The cell as printed, with footnote marks. */
    printed: nonEmptyText,
  })
  .refine((t) => t.value !== null || t.text !== null, { message: 'a target has a value or a text' });

/** A performance measure of Section 3 with its targets per year. */
export const kpiDefinition = z.object({
  id: recordId,
  code: nonEmptyText,
  title: nonEmptyText,
  /** The main table (KPI-1 to KPI-8) or the further measures of the second table. */
  group: z.enum(['service', 'further']),
  /** KPI-3 for KPI-3a and KPI-3b. */
  parentCode: z.string().nullable(),
  frequency: z.enum(['quarterly', 'annual', 'bi-annual']),
  unit: z.enum(['percent', 'gbp', 'text']),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  targets: z.array(kpiTarget),
  footnotes: z.array(z.string()).default([]),
  /**
   * How far short of the target a value may fall and still be Amber rather than Red, in the KPI's unit:
   * percentage points for a percent KPI, pounds for a GBP one. Absent: 5 points for a percent KPI, 10% of the
   * target for a GBP one (see `shared/kpis/rag.ts`).
   */
  amberTolerance: z.number().nonnegative().finite().optional(),
});
export type KpiDefinition = z.infer<typeof kpiDefinition>;

export const rag = z.enum(['red', 'amber', 'green']);
export type Rag = z.infer<typeof rag>;

/**
 * Where a measurement came from: `reported` by the shared service (the business plan's figures, or one entered
 * through the API), `imported` from a CSV or JSON file of measurements, or `computed` by the app from its own data
 * (KPI-3 to KPI-5 from the service desk ticket export). Absent means reported: records written before the field.
 */
export const measurementSource = z.enum(['reported', 'computed', 'imported']);
export type MeasurementSource = z.infer<typeof measurementSource>;

/** A KPI value for one quarter (or year) of the April-March year, per council or combined. */
export const kpiMeasurement = z.object({
  id: recordId,
  kpiId: recordId,
  year: financialYear,
  /** 1-4 for quarterly measures, null for annual ones. */
  quarter: z.number().int().min(1).max(4).nullable(),
  scope: z.union([z.literal('combined'), partnerCode]),
  value: z.number().nullable(),
  /** The rating as reported, where one was. */
  rag: rag.nullable(),
  commentary: z.string().default(''),
  source: measurementSource.optional(),
  /** For a computed percentage: how many items met the target out of how many were counted. */
  basis: z.object({ met: z.number().int().nonnegative(), counted: z.number().int().nonnegative() }).optional(),
});
export type KpiMeasurement = z.infer<typeof kpiMeasurement>;

/** A measurement as a service desk user sends it: the id is derived, the source set by the endpoint. */
export const kpiMeasurementInput = z
  .object({
    kpiId: recordId,
    year: financialYear,
    quarter: z.number().int().min(1).max(4).nullable(),
    scope: z.union([z.literal('combined'), partnerCode]),
    value: z.number().finite().nullable(),
    rag: rag.nullable().default(null),
    commentary: z.string().max(10_000).default(''),
  })
  .strict();
export type KpiMeasurementInput = z.infer<typeof kpiMeasurementInput>;
