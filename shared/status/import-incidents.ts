import { createHash } from 'node:crypto';
import { type AuditedWrite, recordWrites } from '../audit/audit-trail';
import { invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import type { Incident, IncidentActor } from '../schemas/incidents';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { type IncidentRow, parseIncidentCsv } from './incident-csv';
import { actorOf, hasEnded, loadStatusContext, requireServiceDesk, toStored } from './incident-rules';

export type IncidentImportCounts = { rows: number; created: number; updated: number; unchanged: number };

/**
 * Loads a CSV of past outages (see `parseIncidentCsv`). Needs the service desk role. The whole file is checked
 * first and nothing is written unless every row is good. Each row's id is derived from what identifies the event
 * (kind, title, areas and start), so loading the same file again writes and audits nothing, and loading a corrected
 * file updates the rows it corrects (end, severity, councils, cause...) rather than adding them again. Updates
 * posted to an imported incident are kept.
 */
export async function importIncidents(
  stores: Pick<Stores, 'partnerships' | 'catalogue' | 'incidents' | 'audit'>,
  caller: Caller,
  csv: string,
  now: () => Date = () => new Date(),
): Promise<IncidentImportCounts> {
  requireServiceDesk(caller);
  const at = now();
  const context = await loadStatusContext(stores, caller);
  const rows = parseIncidentCsv(csv, context, at);
  refuseRepeatedRows(rows);

  const existing = new Map(
    (await stores.incidents.listAll(caller.partnershipId)).map((row) => [row.record.id, row] as const),
  );
  const actor = actorOf(caller);
  const stamp = at.toISOString();
  let unchanged = 0;
  const changed = rows.flatMap((row): Stored<Incident>[] => {
    const id = importedIncidentId(row);
    const before = existing.get(id)?.record;
    if (before && sameContent(before, row)) {
      unchanged++;
      return [];
    }
    const resolved = row.kind === 'incident' ? row.end !== null : hasEnded(row, at);
    const keepResolution = before && before.end === row.end && before.resolvedBy !== null;
    return [
      toStored({
        id,
        partnershipId: caller.partnershipId,
        kind: row.kind,
        title: row.title,
        areas: row.areas,
        services: row.services,
        councils: row.councils,
        start: row.start,
        end: row.end,
        severity: row.severity,
        cause: row.cause,
        updates: before?.updates ?? (row.notes ? [{ at: stamp, text: row.notes, by: actor }] : []),
        createdAt: before?.createdAt ?? stamp,
        createdBy: before?.createdBy ?? actor,
        updatedAt: stamp,
        ...(keepResolution
          ? { resolvedAt: before.resolvedAt, resolvedBy: before.resolvedBy }
          : resolution(resolved, stamp, actor)),
        source: 'import',
      }),
    ];
  });
  const written = await stores.incidents.upsertMany(changed);
  const writes: AuditedWrite[] = written.map(({ record, etag }) => ({
    kind: 'incidents',
    id: record.id,
    etagBefore: existing.get(record.id)?.etag ?? null,
    etagAfter: etag,
  }));
  await recordWrites(stores.audit, caller, 'incident.import', writes, () => at);
  const created = writes.filter((write) => write.etagBefore === null).length;
  return { rows: rows.length, created, updated: written.length - created, unchanged };
}

/**
 * The id of an imported incident: a hash of what identifies the event (kind, title with case and spacing aside,
 * areas, start), so the same row always gets the same id.
 */
export function importedIncidentId(row: Pick<IncidentRow, 'kind' | 'title' | 'areas' | 'start'>): string {
  const key = [
    row.kind,
    row.title.trim().toLowerCase().replace(/\s+/g, ' '),
    [...row.areas].sort().join(','),
    new Date(row.start).toISOString(),
  ].join('\n');
  return `imp-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

function resolution(resolved: boolean, stamp: string, actor: IncidentActor) {
  return resolved ? { resolvedAt: stamp, resolvedBy: actor } : { resolvedAt: null, resolvedBy: null };
}

/** Two rows for one event would leave which one stands to chance. */
function refuseRepeatedRows(rows: readonly IncidentRow[]): void {
  const byId = new Map<string, number[]>();
  for (const row of rows) {
    const id = importedIncidentId(row);
    byId.set(id, [...(byId.get(id) ?? []), row.line]);
  }
  const repeated = [...byId.values()].filter((lines) => lines.length > 1);
  if (repeated.length === 0) return;
  throw invalidInput(
    'The outage file lists an event more than once; nothing was imported.',
    repeated.flatMap((lines) =>
      lines.slice(1).map((line) => ({
        path: `line ${line}`,
        message: `the same event (kind, title, areas and start) as line ${lines[0]}`,
      })),
    ),
  );
}

function sameContent(stored: Incident, row: IncidentRow): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    stored.kind === row.kind &&
    stored.title === row.title &&
    same(stored.areas, row.areas) &&
    same(stored.services, row.services) &&
    same(stored.councils, row.councils) &&
    stored.start === row.start &&
    stored.end === row.end &&
    stored.severity === row.severity &&
    JSON.stringify(stored.cause) === JSON.stringify(row.cause)
  );
}
