import { RecentAnswers } from '../caching/recent-answers';
import { invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import { partnershipFrom } from '../partnerships/find-partnership';
import type { KpiDefinition, KpiMeasurement, MeasurementSource, Rag } from '../schemas/kpis';
import type { Project } from '../schemas/projects';
import type { ServiceCalendarSettings } from '../schemas/service-desk';
import { outagesFromIncidents } from './incident-outages';
import { calendarSettingsFrom, type KpiSourceStores, readKpiSources } from './kpi-sources';
import { computeProjectDelivery, type ProjectDeliveryFigure } from './project-delivery';
import { amberToleranceOf, type KpiTargetFor, ragFor, targetFor, worstRag } from './rag';
import { type AvailabilityWorking, computeAvailability, type OutageInterval } from './service-availability';
import { type FinancialQuarter, previousQuarters, quarterBounds, ukDate } from './service-calendar';

/** How many earlier periods a KPI's trend shows before the one asked for. */
export const TREND_PERIODS = 4;

/** How long a computed dashboard is reused while its inputs are unchanged: an open outage's minutes lag this much. */
const DASHBOARD_REUSE_MS = 5_000;
const recentDashboards = new RecentAnswers<KpiDashboard>(DASHBOARD_REUSE_MS);

export type ComputedDetail =
  | { kind: 'availability'; working: AvailabilityWorking }
  | { kind: 'service-desk'; met: number; counted: number }
  | { kind: 'project-delivery'; delivery: ProjectDeliveryFigure };

export type TrendPoint = {
  year: string;
  quarter: number | null;
  value: number | null;
  source: MeasurementSource | null;
  rag: Rag | null;
};

export type KpiDashboardEntry = {
  kpiId: string;
  code: string;
  title: string;
  group: KpiDefinition['group'];
  parentCode: string | null;
  frequency: KpiDefinition['frequency'];
  unit: KpiDefinition['unit'];
  direction: KpiDefinition['direction'];
  target: KpiTargetFor;
  /** In the KPI's unit; null without a numeric target. */
  amberTolerance: number | null;
  /** The quarter, or the year (quarter null) for an annual KPI. */
  period: { year: string; quarter: number | null };
  /** The scope of the figure shown: the council asked for, or `combined` where the council has none. */
  scope: string;
  /** Computed where the app has the data, else as reported. */
  value: number | null;
  source: MeasurementSource | null;
  rag: Rag | null;
  /** The shared service's own figure for the period, where there is one, beside a computed value. */
  reported: {
    id: string;
    value: number | null;
    rag: Rag | null;
    source: MeasurementSource;
    commentary: string;
  } | null;
  computed: { value: number | null; detail: ComputedDetail } | null;
  /** Earlier periods, oldest first, then this one. */
  trend: TrendPoint[];
  commentary: string;
  notes: string[];
};

export type KpiDashboard = {
  partnershipId: string;
  partnershipName: string;
  sharedServiceName: string;
  year: string;
  quarter: number;
  /** "Q2 2019/20" */
  label: string;
  firstDay: string;
  lastDay: string;
  council: string | null;
  councils: { code: string; name: string }[];
  calendar: Pick<
    ServiceCalendarSettings,
    'week' | 'bankHolidays' | 'outageRule' | 'countDegraded' | 'countPlannedMaintenance' | 'availabilityRounding'
  >;
  generatedAt: string;
  kpis: KpiDashboardEntry[];
};

export type DashboardQuery = { year: string; quarter: number; council?: string | undefined };

type Period = { year: string; quarter: number | null };

/**
 * Every KPI for a quarter (and optionally one council): definition, target, value, RAG, trend and commentary.
 * The value is computed where the app holds the data (KPI-2 from the outage log, KPI-3 to KPI-5 from the ticket
 * export, KPI-6 from the project pipeline) and as reported otherwise; the reported figure stays beside it.
 *
 * Reads six stores in parallel; under load they answer from each instance's short read cache (`withReadCache`),
 * and while they answer with the same objects a dashboard computed in the last few seconds is reused.
 */
export async function getKpiDashboard(
  stores: KpiSourceStores,
  caller: Caller,
  query: DashboardQuery,
  now: () => Date = () => new Date(),
): Promise<KpiDashboard> {
  const { partnershipId } = caller;
  const sources = await readKpiSources(stores, partnershipId);
  const partnership = partnershipFrom(sources.partnership);
  const council = query.council ?? null;
  if (council !== null && !partnership.partners.some((p) => p.code === council)) {
    throw invalidInput(`${council} is not a council of ${partnership.name}.`, [
      { path: 'query.council', message: `use one of ${partnership.partners.map((p) => p.code).join(', ')}` },
    ]);
  }
  const at = now();
  const key = `${partnershipId}|${query.year}|${query.quarter}|${council ?? ''}`;
  return recentDashboards.get(key, Object.values(sources), at.getTime(), () =>
    buildKpiDashboard({
      partnership,
      definitions: sources.definitions.map(({ record }) => record).sort((a, b) => a.sequence - b.sequence),
      measurements: sources.measurements.map(({ record }) => record),
      outages: outagesFromIncidents(sources.incidents.map(({ record }) => record)),
      projects: sources.projects.map(({ record }) => record),
      settings: calendarSettingsFrom(sources.calendar),
      year: query.year,
      quarter: query.quarter,
      council,
      now: at,
    }),
  );
}

export type DashboardInput = {
  partnership: { id: string; name: string; sharedServiceName: string; partners: { code: string; name: string }[] };
  definitions: readonly KpiDefinition[];
  measurements: readonly KpiMeasurement[];
  outages: readonly OutageInterval[];
  projects: readonly Project[];
  settings: ServiceCalendarSettings;
  year: string;
  quarter: number;
  council: string | null;
  now: Date;
};

/** The dashboard from data already read: pure. */
export function buildKpiDashboard(input: DashboardInput): KpiDashboard {
  const { year, quarter, settings, now } = input;
  const bounds = quarterBounds(year, quarter);
  const reported = new Map<string, KpiMeasurement>();
  const computedMeasurements = new Map<string, KpiMeasurement>();
  for (const measurement of input.measurements) {
    (measurement.source === 'computed' ? computedMeasurements : reported).set(keyOf(measurement), measurement);
  }
  const firstOutage = Math.min(...input.outages.map((outage) => Date.parse(outage.start)).filter(Number.isFinite));
  const availabilityCache = new Map<string, ReturnType<typeof computeAvailability>>();

  /** What the app computes for a KPI, period and scope, where it has the data. */
  const computedFor = (
    definition: KpiDefinition,
    period: Period,
    scope: string,
  ): { value: number | null; detail: ComputedDetail } | null => {
    if (period.quarter === null) return null;
    const { start, end, lastDay } = quarterBounds(period.year, period.quarter);
    if (start > now.getTime()) return null;
    if (definition.code === 'KPI-2') {
      // Before the first entry of the outage log there is no log to compute from (rather than 100%).
      if (!(firstOutage < end)) return null;
      const key = `${period.year}|${period.quarter}|${scope}`;
      let figure = availabilityCache.get(key);
      if (!figure) {
        figure = computeAvailability(
          { outages: input.outages, settings, year: period.year, quarter: period.quarter, now },
          scope,
        );
        availabilityCache.set(key, figure);
      }
      return { value: figure.value, detail: { kind: 'availability', working: figure.working } };
    }
    if (definition.code === 'KPI-6') {
      // The pipeline keeps no history: it is assessed for the quarter asked for only.
      if (period.year !== year || period.quarter !== quarter || scope !== 'combined') return null;
      if (!input.projects.some((project) => project.status === 'in-progress')) return null;
      const today = ukDate(now.getTime());
      const delivery = computeProjectDelivery(input.projects, today < lastDay ? today : lastDay);
      return { value: delivery.value, detail: { kind: 'project-delivery', delivery } };
    }
    const stored = computedMeasurements.get(keyOf({ kpiId: definition.id, ...period, scope }));
    if (!stored) return null;
    return {
      value: stored.value,
      detail: { kind: 'service-desk', met: stored.basis?.met ?? 0, counted: stored.basis?.counted ?? 0 },
    };
  };

  /** The figure shown for a KPI, period and scope: computed, else reported. */
  const figureFor = (definition: KpiDefinition, period: Period, scope: string) => {
    const computed = computedFor(definition, period, scope);
    const own = reported.get(keyOf({ kpiId: definition.id, ...period, scope })) ?? null;
    const target = targetFor(definition, period.year);
    const value = computed?.value ?? own?.value ?? null;
    const source: MeasurementSource | null =
      computed && computed.value !== null ? 'computed' : own ? (own.source ?? 'reported') : null;
    const rag = value !== null ? ragFor(definition, target, value) : (own?.rag ?? null);
    return { computed, own, target, value, source, rag };
  };

  const kpis = input.definitions.map((definition): KpiDashboardEntry => {
    const period: Period = { year, quarter: definition.frequency === 'annual' ? null : quarter };
    const notes: string[] = [];
    let scope = input.council ?? 'combined';
    let figure = figureFor(definition, period, scope);
    if (scope !== 'combined' && figure.value === null && figure.own === null) {
      scope = 'combined';
      figure = figureFor(definition, period, scope);
      if (figure.source !== null) notes.push(`No figure for ${input.council}; the combined figure is shown.`);
    }
    const { computed, own, target, value, source, rag } = figure;
    if (computed && own && own.value !== null && computed.value !== null) {
      notes.push(`Computed ${computed.value}; reported ${own.value}${own.rag ? ` (${own.rag})` : ''}.`);
    }
    if (computed?.detail.kind === 'availability') notes.push(...computed.detail.working.warnings);

    const earlier: Period[] =
      definition.frequency === 'annual'
        ? previousYears(year, TREND_PERIODS).map((y) => ({ year: y, quarter: null }))
        : previousQuarters(year, quarter, TREND_PERIODS);
    const trend = [...earlier, period].map((p): TrendPoint => {
      const point = figureFor(definition, p, scope);
      return { year: p.year, quarter: p.quarter, value: point.value, source: point.source, rag: point.rag };
    });

    return {
      kpiId: definition.id,
      code: definition.code,
      title: definition.title,
      group: definition.group,
      parentCode: definition.parentCode,
      frequency: definition.frequency,
      unit: definition.unit,
      direction: definition.direction,
      target,
      amberTolerance:
        target?.value != null && definition.unit !== 'text' ? amberToleranceOf(definition, target.value) : null,
      period,
      scope,
      value,
      source,
      rag,
      reported: own
        ? {
            id: own.id,
            value: own.value,
            rag: own.rag,
            source: own.source ?? 'reported',
            commentary: own.commentary,
          }
        : null,
      computed,
      trend,
      commentary: own?.commentary || (computed ? computedCommentary(computed.detail) : ''),
      notes,
    };
  });

  return {
    partnershipId: input.partnership.id,
    partnershipName: input.partnership.name,
    sharedServiceName: input.partnership.sharedServiceName,
    year,
    quarter,
    label: quarterLabel({ year, quarter: quarter as FinancialQuarter['quarter'] }),
    firstDay: bounds.firstDay,
    lastDay: bounds.lastDay,
    council: input.council,
    councils: input.partnership.partners.map((p) => ({ code: p.code, name: p.name })),
    calendar: {
      week: settings.week,
      bankHolidays: settings.bankHolidays,
      outageRule: settings.outageRule,
      countDegraded: settings.countDegraded,
      countPlannedMaintenance: settings.countPlannedMaintenance,
      availabilityRounding: settings.availabilityRounding,
    },
    generatedAt: now.toISOString(),
    kpis,
  };
}

/** What a computed figure rests on, in a sentence, where the shared service wrote no commentary. */
function computedCommentary(detail: ComputedDetail): string {
  if (detail.kind === 'availability') {
    return `Computed from the outage log: ${detail.working.formula} (${detail.working.rule} rule).`;
  }
  if (detail.kind === 'service-desk') {
    return `Computed from the service desk ticket export: ${detail.met} of ${detail.counted} within target.`;
  }
  const { onTrack, inFlight, asOf } = detail.delivery;
  return `Computed from the project pipeline: ${onTrack} of ${inFlight} in-flight projects on track on ${asOf}.`;
}

/** "Q2 2019/20", as the plan writes a quarter. */
export function quarterLabel(period: { year: string; quarter: number }): string {
  return `Q${period.quarter} ${period.year.replace('-', '/')}`;
}

function keyOf(m: { kpiId: string; year: string; quarter: number | null; scope: string }): string {
  return `${m.kpiId}|${m.year}|${m.quarter ?? 'year'}|${m.scope}`;
}

function previousYears(year: string, count: number): string[] {
  const start = Number(year.slice(0, 4));
  return Array.from({ length: count }, (_, i) => {
    const y = start - count + i;
    return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The quarterly performance report

/** The measures of Section 2B by their headline code, as the report to the Shared Services Board heads them. */
export const KPI_HEADINGS: Readonly<Record<string, string>> = {
  'KPI-1': 'Customer Satisfaction',
  'KPI-2': 'Service Availability',
  'KPI-3': 'Incident Performance',
  'KPI-4': 'Service Desk Response',
  'KPI-5': 'Service/Work Order Request Performance',
  'KPI-6': 'Project Delivery Performance',
  'KPI-7': 'Staff Budget Savings',
  'KPI-8': 'Software and Services Savings',
};

export type KpiReportSection = {
  /** KPI-3 for KPI-3a and KPI-3b. */
  code: string;
  title: string;
  group: KpiDefinition['group'];
  /** The worst RAG of its measures, as the heading "KPI-3 (Green)" shows it. */
  rag: Rag | null;
  measures: KpiDashboardEntry[];
};

export type KpiReport = Omit<KpiDashboard, 'kpis'> & { title: string; sections: KpiReportSection[] };

/**
 * The quarterly performance report: the dashboard's data for the partnership as a whole, in the order and shape
 * the plan reports to the Shared Services Board: each KPI under its heading (sub-measures with their parent), the
 * service KPIs first and then the further measures, each with target, value, RAG, trend and commentary.
 */
export async function getKpiReport(
  stores: Parameters<typeof getKpiDashboard>[0],
  caller: Caller,
  query: { year: string; quarter: number },
  now: () => Date = () => new Date(),
): Promise<KpiReport> {
  return reportFromDashboard(await getKpiDashboard(stores, caller, { ...query, council: undefined }, now));
}

export function reportFromDashboard(dashboard: KpiDashboard): KpiReport {
  const { kpis, ...rest } = dashboard;
  const sections: KpiReportSection[] = [];
  for (const group of ['service', 'further'] as const) {
    for (const entry of kpis.filter((kpi) => kpi.group === group)) {
      const code = entry.parentCode ?? entry.code;
      let section = sections.find((s) => s.code === code && s.group === group);
      if (!section) {
        section = { code, title: KPI_HEADINGS[code] ?? entry.title, group, rag: null, measures: [] };
        sections.push(section);
      }
      section.measures.push(entry);
      section.rag = worstRag(section.measures.map((measure) => measure.rag));
    }
  }
  return {
    ...rest,
    title: `KPI performance as of end ${dashboard.label}: ${dashboard.sharedServiceName}`,
    sections,
  };
}
