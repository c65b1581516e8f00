import { z } from 'zod';
import { nonEmptyText, partnerCode, recordId } from './common';

export const riskProbability = z.enum(['Unlikely', 'Possible', 'Probable', 'Likely']);
export const riskImpact = z.enum(['Low', 'Low/Medium', 'Medium', 'High']);

/** An infrastructure risk from a council's register (Appendix A). */
export const infrastructureRisk = z.object({
  id: recordId,
  /** The councils the risk belongs to; a joint risk names every council involved. */
  partnerCodes: z.array(partnerCode).min(1),
  joint: z.boolean(),
  /** The partner column as printed ("CCC/HDC/SCDC (joint risk)", "All"). */
  councilLabel: nonEmptyText,
  category: nonEmptyText,
  risk: nonEmptyText,
  mitigation: z.string(),
  recommendation: z.string(),
  /** Null where the register leaves the rating blank or "tbc". */
  probability: riskProbability.nullable(),
  impact: riskImpact.nullable(),
});
export type InfrastructureRisk = z.infer<typeof infrastructureRisk>;

/** What an administrator may change on a risk; every field optional, at least one given. */
export const infrastructureRiskChanges = infrastructureRisk
  .pick({ category: true, risk: true, mitigation: true, recommendation: true, probability: true, impact: true })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'give at least one field to change' });
export type InfrastructureRiskChanges = z.infer<typeof infrastructureRiskChanges>;
