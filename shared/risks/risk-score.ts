import { createHash } from 'node:crypto';
import { stableJson } from '../plan/stable-json';
import type { RiskLevel, RiskSnapshot } from '../schemas/risk-tolerations';
import { type InfrastructureRisk, riskImpact, riskProbability } from '../schemas/risks';

export const PROBABILITIES = riskProbability.options;
export const IMPACTS = riskImpact.options;

/**
 * The register's four probabilities and four impacts, each worth 1 to 4 in the order the plan prints them; the
 * score is their product (1 to 16), null while either is unrated ("tbc" or blank, as most of Appendix A is).
 */
export function riskScore(risk: Pick<InfrastructureRisk, 'probability' | 'impact'>): number | null {
  if (risk.probability === null || risk.impact === null) return null;
  return (PROBABILITIES.indexOf(risk.probability) + 1) * (IMPACTS.indexOf(risk.impact) + 1);
}

/** The usual bands of a 4x4 matrix: 9 and above High, 4 to 8 Medium, 1 to 3 Low. */
export function levelOfScore(score: number | null): RiskLevel {
  if (score === null) return 'Unrated';
  if (score >= 9) return 'High';
  if (score >= 4) return 'Medium';
  return 'Low';
}

/** What an approver decides on: the risk's text and rating. A change of any of them is a new version. */
export function riskVersion(
  risk: Pick<InfrastructureRisk, 'category' | 'risk' | 'mitigation' | 'recommendation' | 'probability' | 'impact'>,
): string {
  const { category, risk: text, mitigation, recommendation, probability, impact } = risk;
  const content = stableJson({ category, risk: text, mitigation, recommendation, probability, impact });
  return createHash('sha256').update(content).digest('base64url').slice(0, 22);
}

/** The risk as it stands, with its score, level and version, to keep beside a request or a decision. */
export function snapshotOf(risk: InfrastructureRisk): RiskSnapshot {
  const score = riskScore(risk);
  return {
    councilLabel: risk.councilLabel,
    partnerCodes: [...risk.partnerCodes],
    category: risk.category,
    risk: risk.risk,
    mitigation: risk.mitigation,
    recommendation: risk.recommendation,
    probability: risk.probability,
    impact: risk.impact,
    score,
    level: levelOfScore(score),
    version: riskVersion(risk),
  };
}

const COMPARED = ['category', 'risk', 'mitigation', 'recommendation', 'probability', 'impact'] as const;
export type ComparedField = (typeof COMPARED)[number];

/** The fields of text and rating that differ between two snapshots, for a card to say what changed. */
export function changedFields(before: RiskSnapshot, after: RiskSnapshot): ComparedField[] {
  return COMPARED.filter((field) => before[field] !== after[field]);
}
