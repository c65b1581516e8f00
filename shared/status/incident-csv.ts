import { parse } from 'csv-parse/sync';
import { type InputProblem, invalidInput } from '../errors';
import {
  type IncidentCause,
  type IncidentKind,
  type IncidentSeverity,
  incidentCause,
  STATUS_AREA_LABELS,
  STATUS_AREAS,
  type StatusArea,
} from '../schemas/incidents';
import { resolveServices, type StatusContext, timeProblems, unknownCouncils } from './incident-rules';
import { parseUkTime } from './uk-time';

/** The most rows one file may hold: an outage log is tens of rows a quarter. */
export const MAX_IMPORT_ROWS = 5000;

const REQUIRED = ['title', 'kind', 'areas', 'councils', 'start', 'end', 'severity', 'cause'] as const;
const OPTIONAL = ['supplier', 'services', 'notes'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const ALIASES: Record<string, Column> = { area: 'areas', council: 'councils', service: 'services', note: 'notes' };

/** One good row of an outage CSV, with the line it ends on. */
export type IncidentRow = {
  line: number;
  kind: IncidentKind;
  title: string;
  areas: StatusArea[];
  services: string[];
  councils: string[];
  start: string;
  end: string | null;
  severity: IncidentSeverity;
  cause: IncidentCause;
  notes: string | null;
};

const KINDS: Record<string, IncidentKind> = {
  incident: 'incident',
  'planned-maintenance': 'planned-maintenance',
  'planned maintenance': 'planned-maintenance',
  planned: 'planned-maintenance',
  maintenance: 'planned-maintenance',
};
const SEVERITIES: Record<string, IncidentSeverity> = { outage: 'outage', degraded: 'degraded' };
const CAUSES: Record<string, IncidentCause['kind']> = {
  'third-party': 'third-party',
  'third party': 'third-party',
  '3rd party': 'third-party',
  internal: 'internal',
  unknown: 'unknown',
};
const AREA_NAMES: Record<string, StatusArea> = {
  ...Object.fromEntries(STATUS_AREAS.map((area) => [area, area])),
  ...Object.fromEntries(STATUS_AREAS.map((area) => [STATUS_AREA_LABELS[area].toLowerCase(), area])),
  network: 'network-telephony',
  telephony: 'network-telephony',
  internet: 'internet-web',
  web: 'internet-web',
  'internet/web': 'internet-web',
  server: 'server-infrastructure',
  servers: 'server-infrastructure',
};

/**
 * Reads a CSV of outages: title, kind, areas, councils, start, end, severity, cause, supplier (and, optionally,
 * services and notes). Areas, councils and services are separated by `;` (councils may be `all`); times are UK
 * wall-clock (`2019-09-03 16:30`, `03/09/2019 16:30`) or ISO 8601 with an offset; an empty end leaves an incident
 * open. Every row is checked by the rules an incident created through the API meets, and any bad row fails the
 * whole file, each problem named by its line.
 */
export function parseIncidentCsv(csv: string, context: StatusContext, now: Date): IncidentRow[] {
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      columns: (names: string[]) => {
        header = names.map((name) => {
          const simple = name
            .trim()
            .toLowerCase()
            .replace(/[_\s]+/g, ' ');
          return ALIASES[simple] ?? simple;
        });
        return header;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw invalidInput('The outage file is not a readable CSV file; nothing was imported.', [
      { path: 'file', message: (error as Error).message },
    ]);
  }
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw invalidInput(
      'The outage file lacks columns; nothing was imported.',
      missing.map((column) => ({ path: 'header', message: `no "${column}" column` })),
    );
  }
  if (records.length === 0) throw invalidInput('The outage file has no rows; nothing was imported.');
  if (records.length > MAX_IMPORT_ROWS) {
    throw invalidInput(`The outage file has ${records.length} rows; send at most ${MAX_IMPORT_ROWS} at a time.`);
  }

  const problems: InputProblem[] = [];
  const rows = records.map(({ record, info }) => {
    const path = `line ${info.lines}`;
    const report = (message: string) => problems.push({ path, message });
    return readRow(record, info.lines, context, now, report);
  });
  if (problems.length > 0) throw invalidInput('The outage file has bad rows; nothing was imported.', problems);
  return rows;
}

function readRow(
  record: Record<string, string>,
  line: number,
  context: StatusContext,
  now: Date,
  report: (message: string) => void,
): IncidentRow {
  const cell = (column: Column) => (record[column] ?? '').trim();
  const list = (column: Column) =>
    cell(column)
      .split(/[;|]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');

  const title = cell('title');
  if (!title) report('the title is empty');
  else if (title.length > 200) report('the title is longer than 200 characters');

  const kind = KINDS[cell('kind').toLowerCase()];
  if (!kind) report(`kind "${cell('kind')}" is not incident or planned-maintenance`);

  const areas: StatusArea[] = [];
  for (const name of list('areas')) {
    const area = AREA_NAMES[name.toLowerCase()];
    if (!area) report(`area "${name}" is not one of ${STATUS_AREAS.join(', ')}`);
    else if (!areas.includes(area)) areas.push(area);
  }
  if (list('areas').length === 0) report('name at least one area');

  const partnerCodes = context.partnership.partners.map((p) => p.code);
  const named = list('councils').flatMap((code) => code.split(/[\s,]+/).filter(Boolean));
  const councils = named.some((code) => code.toLowerCase() === 'all')
    ? partnerCodes
    : [...new Set(named.map((code) => code.toUpperCase()))];
  if (councils.length === 0) report('name at least one council (or all)');
  for (const problem of unknownCouncils(councils, context.partnership, 'councils')) report(problem.message);

  const services = resolveServices(list('services'), areas, context.catalogue, 'services');
  for (const problem of services.problems) report(problem.message);

  const start = time(cell('start'), 'start', report);
  const end = cell('end') === '' ? null : time(cell('end'), 'end', report);
  if (cell('start') === '') report('the start is empty');
  if (start && kind && end !== undefined) {
    for (const problem of timeProblems({ kind, start, end }, now)) report(problem.message);
  }

  const severity = SEVERITIES[cell('severity').toLowerCase()];
  if (!severity) report(`severity "${cell('severity')}" is not outage or degraded`);

  const cause = readCause(cell('cause'), cell('supplier'), report);
  const notes = cell('notes');
  if (notes.length > 4000) report('the notes are longer than 4000 characters');

  return {
    line,
    kind: kind ?? 'incident',
    title,
    areas,
    services: services.ids,
    councils,
    start: start ?? '',
    end: end ?? null,
    severity: severity ?? 'outage',
    cause: cause ?? { kind: 'unknown' },
    notes: notes || null,
  };
}

function time(text: string, label: string, report: (message: string) => void): string | undefined {
  if (text === '') return undefined;
  const at = parseUkTime(text);
  if (!at) {
    report(`the ${label} "${text}" is not a time (use 2019-09-03 16:30, 03/09/2019 16:30 or ISO 8601)`);
    return undefined;
  }
  return at.toISOString();
}

function readCause(text: string, supplier: string, report: (message: string) => void): IncidentCause | undefined {
  const kind = CAUSES[text.toLowerCase()];
  if (!kind) {
    report(`cause "${text}" is not third-party, internal or unknown`);
    return undefined;
  }
  if (kind === 'third-party' && !supplier) {
    report('a third-party cause needs the supplier');
    return undefined;
  }
  if (kind !== 'third-party' && supplier) {
    report(`a supplier is named but the cause is ${kind}; use third-party`);
    return undefined;
  }
  const parsed = incidentCause.safeParse(kind === 'third-party' ? { kind, supplier } : { kind });
  if (!parsed.success) {
    report('the supplier is longer than 200 characters');
    return undefined;
  }
  return parsed.data;
}
