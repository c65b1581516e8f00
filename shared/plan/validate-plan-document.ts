import type { z } from 'zod';
import { forbidden, type InputProblem, invalidInput } from '../errors';
import type { Partnership } from '../schemas/partnership';
import { type PlanImportDocument, planImportDocument } from '../schemas/plan-import';

/**
 * Checks a whole plan document before anything is written: its shape, that it is for the caller's partnership,
 * that every council it names is a partner, and that no id repeats. Every problem is reported at once.
 */
export function validatePlanDocument(input: unknown, partnership: Partnership): PlanImportDocument {
  const parsed = planImportDocument.safeParse(input);
  if (!parsed.success) throw invalidInput('The plan document is not valid.', toProblems(parsed.error));
  const document = parsed.data;
  if (document.partnershipId !== partnership.id) {
    throw forbidden('The document is for another partnership.');
  }
  const problems = [...unknownPartners(document, partnership), ...repeatedIds(document)];
  if (problems.length > 0) throw invalidInput('The plan document is not valid.', problems);
  return document;
}

export function toProblems(error: z.ZodError): InputProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

function unknownPartners(document: PlanImportDocument, partnership: Partnership): InputProblem[] {
  const known = new Set(partnership.partners.map((p) => p.code));
  const problems: InputProblem[] = [];
  for (const [code, path] of partnerReferences(document)) {
    if (!known.has(code)) problems.push({ path, message: `${code} is not a partner of ${partnership.name}` });
  }
  const kpiIds = new Set(document.kpiDefinitions.map((k) => k.id));
  document.kpiMeasurements.forEach((m, i) => {
    if (!kpiIds.has(m.kpiId))
      problems.push({ path: `kpiMeasurements.${i}.kpiId`, message: `no KPI ${m.kpiId} in the document` });
  });
  return problems;
}

/** Every partner code the document names, with the path where it names it. */
function* partnerReferences(document: PlanImportDocument): Generator<[code: string, path: string]> {
  const { plan } = document;
  const tables = {
    budget: plan.budget,
    costByPartner: plan.costByPartner,
    savingsByPartner: plan.savingsByPartner,
    forecastOutturn: plan.forecastOutturn,
    digitalFunding: plan.digitalFunding,
  };
  for (const [name, table] of Object.entries(tables)) {
    for (const [i, row] of (table?.rows ?? []).entries()) {
      if (row.partnerCode) yield [row.partnerCode, `plan.${name}.rows.${i}.partnerCode`];
    }
  }
  for (const [i, activity] of plan.roadmap.entries()) yield [activity.partnerCode, `plan.roadmap.${i}.partnerCode`];
  for (const [i, line] of plan.lowValueApplications.entries()) {
    yield [line.partnerCode, `plan.lowValueApplications.${i}.partnerCode`];
  }
  for (const [i, bid] of document.bids.entries()) {
    for (const [j, share] of bid.shares.entries()) yield [share.partnerCode, `bids.${i}.shares.${j}.partnerCode`];
  }
  for (const [i, risk] of document.risks.entries()) {
    for (const [j, code] of risk.partnerCodes.entries()) yield [code, `risks.${i}.partnerCodes.${j}`];
  }
  for (const [i, app] of document.applications.entries()) {
    for (const [j, code] of app.partnerCodes.entries()) yield [code, `applications.${i}.partnerCodes.${j}`];
  }
  for (const [i, measurement] of document.kpiMeasurements.entries()) {
    if (measurement.scope !== 'combined') yield [measurement.scope, `kpiMeasurements.${i}.scope`];
  }
}

function repeatedIds(document: PlanImportDocument): InputProblem[] {
  const problems: InputProblem[] = [];
  const collections = {
    bids: document.bids,
    risks: document.risks,
    applications: document.applications,
    catalogue: document.catalogue,
    kpiDefinitions: document.kpiDefinitions,
    kpiMeasurements: document.kpiMeasurements,
    projects: document.projects,
  };
  for (const [name, records] of Object.entries(collections)) {
    const seen = new Set<string>();
    records.forEach((record, i) => {
      if (seen.has(record.id)) problems.push({ path: `${name}.${i}.id`, message: `id ${record.id} appears twice` });
      seen.add(record.id);
    });
  }
  return problems;
}
