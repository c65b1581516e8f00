import { z } from 'zod';
import { application } from './applications';
import { capitalBid } from './bids';
import { catalogueService } from './catalogue';
import { nonEmptyText, partnershipId } from './common';
import { kpiDefinition, kpiMeasurement } from './kpis';
import { partnership } from './partnership';
import { planYear } from './plan';
import { project } from './projects';
import { infrastructureRisk } from './risks';

/**
 * Everything a business plan holds, as `POST /api/plan/import` takes it. Records carry no partnership:
 * they belong to the caller's.
 */
export const planImportDocument = z
  .object({
    partnershipId,
    plan: planYear,
    bids: z.array(capitalBid).default([]),
    risks: z.array(infrastructureRisk).default([]),
    applications: z.array(application).default([]),
    catalogue: z.array(catalogueService).default([]),
    kpiDefinitions: z.array(kpiDefinition).default([]),
    kpiMeasurements: z.array(kpiMeasurement).default([]),
    projects: z.array(project).default([]),
  })
  .strict();
export type PlanImportDocument = z.infer<typeof planImportDocument>;

/** A demo dataset: a partnership and the plan documents built from the seeds. */
export const demoDataset = z.object({
  datasetVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  source: nonEmptyText,
  partnership,
  documents: z.array(planImportDocument).min(1),
});
export type DemoDataset = z.infer<typeof demoDataset>;
