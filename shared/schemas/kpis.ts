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
});
export type KpiDefinition = z.infer<typeof kpiDefinition>;

export const rag = z.enum(['red', 'amber', 'green']);

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
});
export type KpiMeasurement = z.infer<typeof kpiMeasurement>;
