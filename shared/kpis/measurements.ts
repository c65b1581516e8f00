import { parse } from 'csv-parse/sync';
import { type AuditedWrite, recordWrites } from '../audit/audit-trail';
import { normaliseHeader } from '../csv/read-csv';
import { DomainError, type InputProblem, invalidInput } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { type ConfigWrite, writeConfigRecord } from '../licences/config-record';
import { findPartnership } from '../partnerships/find-partnership';
import { stableJson } from '../plan/stable-json';
import { toProblems } from '../plan/validate-plan-document';
import {
  type KpiDefinition,
  type KpiMeasurement,
  type KpiMeasurementInput,
  kpiMeasurementInput,
  type MeasurementSource,
} from '../schemas/kpis';
import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';

type MeasurementStores = Pick<Stores, 'partnerships' | 'kpiDefinitions' | 'kpiMeasurements' | 'audit'>;

/** The id a measurement gets when the API creates it: `KPI-2:2019-20:Q2:combined`, `KPI-7:2019-20:year:HDC`. */
export function measurementId(input: Pick<KpiMeasurementInput, 'kpiId' | 'year' | 'quarter' | 'scope'>): string {
  return `${input.kpiId}:${input.year}:${input.quarter === null ? 'year' : `Q${input.quarter}`}:${input.scope}`;
}

const keyOf = (m: Pick<KpiMeasurement, 'kpiId' | 'year' | 'quarter' | 'scope'>) =>
  `${m.kpiId}|${m.year}|${m.quarter ?? 'year'}|${m.scope}`;

/**
 * Records or corrects one measurement (service desk or partnership administrator), as reported. A new one takes
 * the id `measurementId` gives it and is created without If-Match; an existing one needs the ETag read. A computed
 * measurement cannot be edited: it follows from the ticket export.
 */
export async function putMeasurement(
  stores: MeasurementStores,
  caller: Caller,
  id: string,
  input: KpiMeasurementInput,
  etag: string | undefined,
): Promise<ConfigWrite<KpiMeasurement>> {
  requireRole(caller, 'service-desk', 'partnership-admin');
  const { partnershipId } = caller;
  const [partnership, definitions, measurements] = await Promise.all([
    findPartnership(stores, partnershipId),
    stores.kpiDefinitions.listAll(partnershipId),
    stores.kpiMeasurements.listAll(partnershipId),
  ]);
  const councils = partnership.partners.map((p) => p.code);
  const resolved = resolveKpi(
    input,
    definitions.map(({ record }) => record),
  );
  const problems = checkMeasurement(
    resolved,
    definitions.map(({ record }) => record),
    councils,
    'body',
  );
  if (problems.length > 0) throw invalidInput('The measurement is not valid.', problems);

  const current = measurements.find(({ record }) => record.id === id);
  if (current?.record.source === 'computed') {
    throw new DomainError(
      'conflict',
      `${id} is computed from the service desk ticket export; import the tickets instead of editing it.`,
    );
  }
  if (!current && id !== measurementId(resolved)) {
    throw invalidInput(`A new measurement takes the id ${measurementId(resolved)}; PUT it there.`, [
      { path: 'params.id', message: `expected ${measurementId(resolved)}` },
    ]);
  }
  const clash = measurements.find(
    ({ record }) => record.id !== id && record.source !== 'computed' && keyOf(record) === keyOf(resolved),
  );
  if (clash) {
    throw new DomainError(
      'conflict',
      `${clash.record.id} already holds ${resolved.kpiId} for ${resolved.year} ${resolved.quarter === null ? '' : `Q${resolved.quarter} `}(${resolved.scope}); edit that one.`,
    );
  }
  const record: Stored<KpiMeasurement> = {
    ...resolved,
    id,
    source: 'reported',
    partnershipId,
    sequence: current?.record.sequence ?? nextSequence(measurements),
  };
  return writeConfigRecord(stores.kpiMeasurements, stores.audit, caller, record, etag, {
    action: 'kpi.measurement.put',
    kind: 'kpiMeasurements',
    label: 'measurement',
  });
}

export type MeasurementRow = { path: string; value: unknown };

/** The rows of a JSON import: an array of measurements, or `{ "measurements": [...] }`. */
export function measurementRowsFromJson(body: unknown): MeasurementRow[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? (body as { measurements?: unknown }).measurements
      : null;
  if (!Array.isArray(list)) {
    throw invalidInput('Send an array of measurements, or an object with a "measurements" array.');
  }
  return list.map((value, index) => ({ path: `measurements.${index}`, value }));
}

const CSV_COLUMNS = {
  kpiId: ['kpi', 'kpi id', 'kpiid', 'code'],
  year: ['year', 'financial year'],
  quarter: ['quarter'],
  scope: ['scope', 'council'],
  value: ['value'],
  rag: ['rag'],
  commentary: ['commentary', 'comment'],
} as const;
const REQUIRED_CSV_COLUMNS = ['kpiId', 'year', 'quarter', 'scope', 'value'] as const;

/**
 * The rows of a CSV import, header `kpi,year,quarter,scope,value,rag,commentary`: quarter 1-4 or Q1-Q4 (empty for an
 * annual KPI), scope `combined` or a council code, value a number (`93`, `93%`, `£50,000`; empty for none).
 */
export function measurementRowsFromCsv(csv: string): MeasurementRow[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    rows = parse(csv, {
      columns: (names: string[]) => {
        header = names.map(normaliseHeader);
        return header;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw invalidInput('The measurements file is not a readable CSV file; nothing was imported.', [
      { path: 'file', message: (error as Error).message },
    ]);
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !CSV_COLUMNS[column].some((name) => header.includes(name)));
  if (missing.length > 0) {
    throw invalidInput(
      'The measurements file lacks columns; nothing was imported.',
      missing.map((column) => ({ path: 'header', message: `no "${CSV_COLUMNS[column][0]}" column` })),
    );
  }
  return rows.map(({ record, info }) => {
    const cell = (column: keyof typeof CSV_COLUMNS) =>
      CSV_COLUMNS[column].map((name) => record[name]).find((v) => v !== undefined) ?? '';
    const quarter = cell('quarter').replace(/^q/i, '');
    const value = cell('value').replace(/[%£,\s]/g, '');
    return {
      path: `line ${info.lines}`,
      value: {
        kpiId: cell('kpiId'),
        year: cell('year'),
        quarter: quarter === '' ? null : /^\d+$/.test(quarter) ? Number(quarter) : quarter,
        scope: cell('scope').toLowerCase() === 'combined' ? 'combined' : cell('scope').toUpperCase(),
        value: value === '' ? null : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : cell('value'),
        rag: cell('rag') === '' ? null : cell('rag').toLowerCase(),
        commentary: cell('commentary'),
      },
    };
  });
}

export type MeasurementImportResult = { rows: number; created: number; updated: number; unchanged: number };

/**
 * Loads measurements from a file (service desk or partnership administrator). Every row is checked first; any
 * bad row fails the import, naming its line (CSV) or index (JSON), and nothing is written. A row replaces the
 * stored measurement of the same KPI, period and scope (keeping its id), or creates one; unchanged rows are not
 * rewritten. Imported measurements never replace computed ones, which stand beside them.
 */
export async function importMeasurements(
  stores: MeasurementStores,
  caller: Caller,
  file: { csv: string } | { json: unknown },
): Promise<MeasurementImportResult> {
  requireRole(caller, 'service-desk', 'partnership-admin');
  const { partnershipId } = caller;
  const rows = 'csv' in file ? measurementRowsFromCsv(file.csv) : measurementRowsFromJson(file.json);
  if (rows.length === 0) throw invalidInput('There are no measurements to import.');
  const [partnership, definitionRows, measurements] = await Promise.all([
    findPartnership(stores, partnershipId),
    stores.kpiDefinitions.listAll(partnershipId),
    stores.kpiMeasurements.listAll(partnershipId),
  ]);
  const definitions = definitionRows.map(({ record }) => record);
  const councils = partnership.partners.map((p) => p.code);

  const problems: InputProblem[] = [];
  const inputs: { path: string; input: KpiMeasurementInput }[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const parsed = kpiMeasurementInput.safeParse(row.value);
    if (!parsed.success) {
      problems.push(...toProblems(parsed.error).map((p) => ({ path: row.path, message: describe(p) })));
      continue;
    }
    const input = resolveKpi(parsed.data, definitions);
    const rowProblems = checkMeasurement(input, definitions, councils, row.path);
    problems.push(
      ...rowProblems.map((p) => ({ path: row.path, message: `${p.path.slice(row.path.length + 1)}: ${p.message}` })),
    );
    const key = keyOf(input);
    const earlier = seen.get(key);
    if (earlier) problems.push({ path: row.path, message: `the same KPI, period and scope as ${earlier}` });
    seen.set(key, row.path);
    inputs.push({ path: row.path, input });
  }
  if (problems.length > 0) throw invalidInput('The measurements have bad rows; nothing was imported.', problems);

  const existingByKey = new Map(
    measurements.filter(({ record }) => record.source !== 'computed').map((row) => [keyOf(row.record), row] as const),
  );
  let sequence = nextSequence(measurements);
  const changed: Stored<KpiMeasurement>[] = [];
  for (const { input } of inputs) {
    const existing = existingByKey.get(keyOf(input));
    const record: Stored<KpiMeasurement> = {
      ...input,
      id: existing?.record.id ?? measurementId(input),
      source: 'imported' satisfies MeasurementSource,
      partnershipId,
      sequence: existing?.record.sequence ?? sequence++,
    };
    if (existing && stableJson(existing.record) === stableJson(record)) continue;
    changed.push(record);
  }
  const before = new Map(measurements.map((row) => [row.record.id, row] as const));
  const written = await stores.kpiMeasurements.upsertMany(changed);
  const writes: AuditedWrite[] = written.map(({ record, etag }) => ({
    kind: 'kpiMeasurements',
    id: record.id,
    etagBefore: before.get(record.id)?.etag ?? null,
    etagAfter: etag,
  }));
  await recordWrites(stores.audit, caller, 'kpi.measurements.import', writes);
  const created = writes.filter((write) => write.etagBefore === null).length;
  return { rows: rows.length, created, updated: writes.length - created, unchanged: rows.length - writes.length };
}

/** A KPI may be named by its id or its code (`KPI-3b`); the stored measurement names it by id. */
function resolveKpi(input: KpiMeasurementInput, definitions: readonly KpiDefinition[]): KpiMeasurementInput {
  const byId = definitions.find((d) => d.id === input.kpiId);
  const byCode = definitions.find((d) => d.code.toLowerCase() === input.kpiId.toLowerCase());
  return { ...input, kpiId: (byId ?? byCode)?.id ?? input.kpiId };
}

function checkMeasurement(
  input: KpiMeasurementInput,
  definitions: readonly KpiDefinition[],
  councils: readonly string[],
  path: string,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const report = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
  const definition = definitions.find((d) => d.id === input.kpiId);
  if (!definition) report('kpiId', `no KPI ${input.kpiId} in this partnership's plan`);
  if (input.scope !== 'combined' && !councils.includes(input.scope))
    report('scope', `${input.scope} is not combined or one of ${councils.join(', ')}`);
  if (!definition) return problems;
  if (definition.frequency === 'annual' && input.quarter !== null)
    report('quarter', `${definition.code} is annual: leave the quarter empty`);
  if (definition.frequency !== 'annual' && input.quarter === null)
    report('quarter', `${definition.code} is ${definition.frequency}: give the quarter (1-4)`);
  if (definition.unit === 'text' && input.value !== null)
    report('value', `${definition.code} has a text target: give no value, only commentary`);
  if (definition.unit === 'percent' && input.value !== null && (input.value < 0 || input.value > 100))
    report('value', `${input.value} is not a percentage between 0 and 100`);
  if (input.value === null && input.rag === null && input.commentary.trim() === '')
    report('value', 'give a value, a RAG or commentary');
  return problems;
}

function describe(problem: InputProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

function nextSequence(measurements: readonly Versioned<KpiMeasurement>[]): number {
  const reported = measurements
    .filter(({ record }) => record.source !== 'computed')
    .map(({ record }) => record.sequence);
  return Math.max(-1, ...reported) + 1;
}
