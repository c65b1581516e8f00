import { z } from 'zod';
import { financialYear, gbp, nonEmptyText, partnerCode, recordId } from './common';

const tableColumn = z.object({ key: nonEmptyText, label: nonEmptyText });

const tableRow = z.object({
  key: nonEmptyText,
  label: nonEmptyText,
  /** Set when the row is one council's figures. */
  partnerCode: partnerCode.optional(),
  /** Overrides the table's unit for this row (the budget table's savings percentage). */
  unit: z.enum(['gbp', 'percent']).optional(),
  /** A total as printed in the plan; printed totals are kept even where they differ from the sum of the rows. */
  isTotal: z.boolean().default(false),
  /** Cell per column key; null where the plan leaves the cell empty. */
  values: z.record(z.string(), z.number().nullable()),
});

/** A table of the business plan, cell for cell as printed. */
export const planTable = z
  .object({
    title: nonEmptyText,
    unit: z.enum(['gbp', 'percent']),
    columns: z.array(tableColumn).min(1),
    rows: z.array(tableRow).min(1),
    notes: z.array(z.string()).default([]),
  })
  .superRefine((table, ctx) => {
    const keys = table.columns.map((c) => c.key);
    table.rows.forEach((row, index) => {
      for (const key of keys) {
        if (!(key in row.values)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', index, 'values', key],
            message: `missing cell for column ${key}`,
          });
        }
      }
      for (const key of Object.keys(row.values)) {
        if (!keys.includes(key)) {
          ctx.addIssue({ code: 'custom', path: ['rows', index, 'values', key], message: `no column named ${key}` });
        }
      }
    });
  });
export type PlanTable = z.infer<typeof planTable>;

/** One council's roadmap activity: capital and revenue cost per financial year (null where the plan is blank). */
export const roadmapActivity = z.object({
  partnerCode,
  activity: nonEmptyText,
  costs: z
    .array(z.object({ year: financialYear, capex: gbp.nonnegative().nullable(), opex: gbp.nonnegative().nullable() }))
    .min(1),
});
export type RoadmapActivity = z.infer<typeof roadmapActivity>;

/** A current priority agreed with the intelligent clients (Appendix D). */
export const priority = z.object({ rank: z.number().int().positive(), title: nonEmptyText, detail: z.string() });

/** Appendix B's summary line of a council's applications that cost under the reporting threshold. */
export const lowValueApplications = z.object({
  partnerCode,
  text: nonEmptyText,
  count: z.number().int().nonnegative(),
  minAnnualCost: z.number().nonnegative(),
  maxAnnualCost: z.number().nonnegative(),
  partOfLargerApplicationCount: z.number().int().nonnegative(),
});

/** The business plan for one financial year, with the multi-year tables it prints. */
export const planYear = z
  .object({
    id: recordId,
    year: financialYear,
    title: nonEmptyText,
    version: nonEmptyText,
    approvals: z.array(z.object({ body: nonEmptyText, status: nonEmptyText, date: z.string().nullable() })).default([]),
    budget: planTable.optional(),
    costByPartner: planTable.optional(),
    savingsByPartner: planTable.optional(),
    forecastOutturn: planTable.optional(),
    digitalFunding: planTable.optional(),
    roadmap: z.array(roadmapActivity).default([]),
    priorities: z.array(priority).default([]),
    lowValueApplications: z.array(lowValueApplications).default([]),
    /**
     * Set by the import: a hash of the whole document last imported. It changes whenever any record of the document
     * does, so the plan's ETag stands for the whole import and If-Match guards all of it.
     */
    documentHash: z.string().optional(),
  })
  .refine((plan) => plan.id === plan.year, { path: ['id'], message: 'a plan is stored under its year' });
export type PlanYear = z.infer<typeof planYear>;
