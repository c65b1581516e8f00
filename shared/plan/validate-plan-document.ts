import type { z } from 'zod';
import { forbidden, type InputProblem, invalidInput } from '../errors';
import type { Partnership } from '../schemas/partnership';
import { type PlanImportDocument, planImportDocument } from '../schemas/plan-import';
import { PLAN_COLLECTIONS } from '../stores/stores';

/**
 * Checks a whole plan document before anything is written: its shape, that it is for the caller's partnership,
 * that every council it names is a partner, that no id repeats, and that measurements name KPIs it defines.
 * Every problem is reported at once: the reference checks read the raw document, so they run even when its
 * shape is wrong elsewhere.
 */
export function validatePlanDocument(input: unknown, partnership: Partnership): PlanImportDocument {
  const claimed = field(input, 'partnershipId');
  if (typeof claimed === 'string' && claimed !== partnership.id) {
    throw forbidden('The document is for another partnership.');
  }
  const parsed = planImportDocument.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : toProblems(parsed.error)),
    ...unknownPartners(input, partnership),
    ...repeatedIds(input),
    ...unknownKpis(input),
  ];
  if (!parsed.success || problems.length > 0) throw invalidInput('The plan document is not valid.', problems);
  return parsed.data;
}

export function toProblems(error: z.ZodError): InputProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

function unknownPartners(document: unknown, partnership: Partnership): InputProblem[] {
  const known = new Set(partnership.partners.map((p) => p.code));
  return [...partnerReferences(document)]
    .filter(([code]) => !known.has(code))
    .map(([code, path]) => ({ path, message: `${code} is not a partner of ${partnership.name}` }));
}

/** Every partner code the document names, with the path where it names it. */
function* partnerReferences(document: unknown): Generator<[code: string, path: string]> {
  const plan = field(document, 'plan');
  for (const name of ['budget', 'costByPartner', 'savingsByPartner', 'forecastOutturn', 'digitalFunding']) {
    yield* codesIn(list(field(field(plan, name), 'rows')), 'partnerCode', `plan.${name}.rows`);
  }
  yield* codesIn(list(field(plan, 'roadmap')), 'partnerCode', 'plan.roadmap');
  yield* codesIn(list(field(plan, 'lowValueApplications')), 'partnerCode', 'plan.lowValueApplications');
  for (const [i, bid] of list(field(document, 'bids')).entries()) {
    yield* codesIn(list(field(bid, 'shares')), 'partnerCode', `bids.${i}.shares`);
  }
  for (const name of ['risks', 'applications']) {
    for (const [i, record] of list(field(document, name)).entries()) {
      for (const [j, code] of list(field(record, 'partnerCodes')).entries()) {
        if (typeof code === 'string') yield [code, `${name}.${i}.partnerCodes.${j}`];
      }
    }
  }
  for (const [i, measurement] of list(field(document, 'kpiMeasurements')).entries()) {
    const scope = field(measurement, 'scope');
    if (typeof scope === 'string' && scope !== 'combined') yield [scope, `kpiMeasurements.${i}.scope`];
  }
}

function* codesIn(records: unknown[], key: string, path: string): Generator<[code: string, path: string]> {
  for (const [i, record] of records.entries()) {
    const code = field(record, key);
    if (typeof code === 'string') yield [code, `${path}.${i}.${key}`];
  }
}

function repeatedIds(document: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const name of PLAN_COLLECTIONS) {
    const seen = new Set<string>();
    for (const [i, record] of list(field(document, name)).entries()) {
      const id = field(record, 'id');
      if (typeof id !== 'string') continue;
      if (seen.has(id)) problems.push({ path: `${name}.${i}.id`, message: `id ${id} appears twice` });
      seen.add(id);
    }
  }
  return problems;
}

function unknownKpis(document: unknown): InputProblem[] {
  const defined = new Set(list(field(document, 'kpiDefinitions')).map((kpi) => field(kpi, 'id')));
  return list(field(document, 'kpiMeasurements')).flatMap((measurement, i) => {
    const kpiId = field(measurement, 'kpiId');
    return typeof kpiId === 'string' && !defined.has(kpiId)
      ? [{ path: `kpiMeasurements.${i}.kpiId`, message: `no KPI ${kpiId} in the document` }]
      : [];
  });
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
