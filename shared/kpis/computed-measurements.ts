import { type AuditedWrite, recordWrites } from '../audit/audit-trail';
import type { Caller } from '../identity/caller';
import { stableJson } from '../plan/stable-json';
import type { KpiDefinition, KpiMeasurement } from '../schemas/kpis';
import type { ServiceCalendarSettings, ServiceDeskTicket } from '../schemas/service-desk';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { computeServiceDeskPerformance, SERVICE_DESK_KPI_CODES } from './service-desk-performance';

/** The id of a measurement the app computes, beside (never over) the one the shared service reports. */
export function computedMeasurementId(kpiId: string, year: string, quarter: number, scope: string): string {
  return `${kpiId}:${year}:Q${quarter}:${scope}:computed`;
}

/**
 * Recomputes KPI-3 to KPI-5 from every stored ticket and writes the figures that changed as `computed`
 * measurements (audited), so the dashboard reads them with the other measurements instead of re-reading the
 * whole ticket export on every request. Runs after a ticket import and after a calendar change.
 */
export async function refreshServiceDeskMeasurements(
  stores: Pick<Stores, 'kpiMeasurements' | 'audit'>,
  caller: Caller,
  input: {
    tickets: readonly ServiceDeskTicket[];
    definitions: readonly KpiDefinition[];
    settings: ServiceCalendarSettings;
    councils: readonly string[];
    now: Date;
  },
): Promise<number> {
  const { partnershipId } = caller;
  const idByCode = new Map(input.definitions.map((definition) => [definition.code, definition.id]));
  const figures = computeServiceDeskPerformance(input.tickets, input.settings, input.now);
  const records: Stored<KpiMeasurement>[] = figures.flatMap((figure) => {
    const kpiId = idByCode.get(figure.code);
    if (!kpiId) return [];
    const scopeIndex = figure.scope === 'combined' ? 0 : 1 + Math.max(0, input.councils.indexOf(figure.scope));
    const pending = figure.pending > 0 ? `; ${figure.pending} still within their target time` : '';
    return [
      {
        id: computedMeasurementId(kpiId, figure.year, figure.quarter, figure.scope),
        kpiId,
        year: figure.year,
        quarter: figure.quarter,
        scope: figure.scope,
        value: figure.value,
        rag: null,
        commentary: `Computed from the service desk ticket export: ${figure.met} of ${figure.counted} within target${pending}.`,
        source: 'computed',
        basis: { met: figure.met, counted: figure.counted },
        partnershipId,
        sequence:
          1_000_000_000 +
          Number(figure.year.slice(0, 4)) * 10_000 +
          figure.quarter * 1_000 +
          SERVICE_DESK_KPI_CODES.indexOf(figure.code) * 20 +
          scopeIndex,
      },
    ];
  });
  const existing = new Map(
    (await stores.kpiMeasurements.listAll(partnershipId)).map((row) => [row.record.id, row] as const),
  );
  const changed = records.filter((record) => {
    const stored = existing.get(record.id);
    return !stored || stableJson(stored.record) !== stableJson(record);
  });
  const written = await stores.kpiMeasurements.upsertMany(changed);
  const writes: AuditedWrite[] = written.map(({ record, etag }) => ({
    kind: 'kpiMeasurements',
    id: record.id,
    etagBefore: existing.get(record.id)?.etag ?? null,
    etagAfter: etag,
  }));
  await recordWrites(stores.audit, caller, 'kpi.measurements.compute', writes);
  return written.length;
}
