import type { ServiceCalendarSettings } from '../schemas/service-desk';
import { type ClosedDay, countedOutageMinutes, quarterBounds, serviceMinutesInQuarter } from './service-calendar';

/** The four service areas the plan measures availability over ("combined across four key areas"). */
export const SERVICE_AREAS = ['network-telephony', 'email', 'internet-web', 'server-infrastructure'] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];
export const SERVICE_AREA_NAMES: Record<ServiceArea, string> = {
  'network-telephony': 'Network/Telephony',
  email: 'Email',
  'internet-web': 'Internet/web site services',
  'server-infrastructure': 'Centralised server infrastructure',
};

/**
 * What KPI-2 needs of an entry of the outage log, whatever else the log keeps. `councils` empty means every
 * council; `end` null means still going on. Nothing counts after `now`.
 */
export type OutageInterval = {
  id: string;
  title?: string;
  kind: 'incident' | 'planned-maintenance';
  severity: 'degraded' | 'outage';
  areas: readonly string[];
  councils: readonly string[];
  /** ISO instants. */
  start: string;
  end: string | null;
};

export type CountedOutage = {
  id: string;
  title: string | null;
  kind: OutageInterval['kind'];
  severity: OutageInterval['severity'];
  areas: ServiceArea[];
  /** Minutes this entry counts in the quarter, per area, before overlaps with other entries are merged. */
  minutesByArea: Partial<Record<ServiceArea, number>>;
};

export type AvailabilityWorking = {
  rule: ServiceCalendarSettings['outageRule'];
  countDegraded: boolean;
  countPlannedMaintenance: boolean;
  rounding: ServiceCalendarSettings['availabilityRounding'];
  areas: number;
  serviceDays: number;
  closedDays: ClosedDay[];
  serviceMinutesPerArea: number;
  serviceMinutesTotal: number;
  outageMinutesByArea: Record<ServiceArea, number>;
  outageMinutesTotal: number;
  /** Unrounded, in percent. */
  exactPercent: number | null;
  formula: string;
  outages: CountedOutage[];
  /** Entries of the log in the quarter that the rules leave out, with the reason. */
  excluded: { id: string; reason: string }[];
  warnings: string[];
};

export type AvailabilityFigure = {
  year: string;
  quarter: number;
  scope: string;
  /** Percent, rounded as the calendar says (two decimals, down by default); null when there is no service time. */
  value: number | null;
  working: AvailabilityWorking;
};

export type AvailabilityInput = {
  outages: readonly OutageInterval[];
  settings: ServiceCalendarSettings;
  year: string;
  quarter: number;
  /** Open outages count up to this instant. */
  now: Date;
};

/**
 * KPI-2 Service Availability for one quarter: 1 - outage minutes / (areas x agreed service minutes in the
 * quarter). For a council, the entries of the log affecting that council; combined, every entry. Within an area,
 * entries that overlap in time are merged first, so an area down once for two reasons counts its minutes once
 * (and an entry affecting every council counts once, not once per council).
 */
export function computeAvailability(input: AvailabilityInput, scope: 'combined' | string): AvailabilityFigure {
  const { settings, year, quarter } = input;
  const period = quarterBounds(year, quarter);
  const now = input.now.getTime();
  const service = serviceMinutesInQuarter(settings, year, quarter);
  const excluded: AvailabilityWorking['excluded'] = [];
  const warnings = [...service.warnings];
  const intervalsByArea = new Map<ServiceArea, { start: number; end: number }[]>();
  const outages: CountedOutage[] = [];

  for (const outage of input.outages) {
    const start = Date.parse(outage.start);
    // An open outage counts up to now, and planned work not yet done counts nothing yet.
    const end = Math.min(outage.end === null ? now : Date.parse(outage.end), now, period.end);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      warnings.push(`Outage ${outage.id} has no readable start or end and is left out.`);
      continue;
    }
    if (end <= period.start || start >= period.end) continue;
    if (scope !== 'combined' && outage.councils.length > 0 && !outage.councils.includes(scope)) continue;
    if (outage.kind === 'planned-maintenance' && !settings.countPlannedMaintenance) {
      excluded.push({ id: outage.id, reason: 'planned maintenance is not counted' });
      continue;
    }
    if (outage.severity === 'degraded' && !settings.countDegraded) {
      excluded.push({ id: outage.id, reason: 'degraded service is not counted' });
      continue;
    }
    const areas = SERVICE_AREAS.filter((area) => outage.areas.includes(area));
    const unknown = outage.areas.filter((area) => !(SERVICE_AREAS as readonly string[]).includes(area));
    if (unknown.length > 0)
      warnings.push(`Outage ${outage.id} names areas KPI-2 does not measure: ${unknown.join(', ')}.`);
    if (areas.length === 0) {
      excluded.push({ id: outage.id, reason: 'it affects none of the four service areas' });
      continue;
    }
    const interval = { start, end };
    const minutesByArea: CountedOutage['minutesByArea'] = {};
    for (const area of areas) {
      intervalsByArea.set(area, [...(intervalsByArea.get(area) ?? []), interval]);
      minutesByArea[area] = round2(countedOutageMinutes(settings, interval, period));
    }
    outages.push({
      id: outage.id,
      title: outage.title ?? null,
      kind: outage.kind,
      severity: outage.severity,
      areas,
      minutesByArea,
    });
  }

  const outageMinutesByArea = Object.fromEntries(
    SERVICE_AREAS.map((area) => {
      const merged = mergeIntervals(intervalsByArea.get(area) ?? []);
      const minutes = merged.reduce((sum, interval) => sum + countedOutageMinutes(settings, interval, period), 0);
      return [area, round2(minutes)];
    }),
  ) as Record<ServiceArea, number>;
  const outageMinutesTotal = round2(SERVICE_AREAS.reduce((sum, area) => sum + outageMinutesByArea[area], 0));
  const serviceMinutesTotal = SERVICE_AREAS.length * service.minutes;
  const exactPercent = serviceMinutesTotal > 0 ? 100 * (1 - outageMinutesTotal / serviceMinutesTotal) : null;
  const value = exactPercent === null ? null : roundPercent(exactPercent, settings.availabilityRounding);
  const formula =
    exactPercent === null
      ? 'no agreed service minutes in the quarter'
      : `1 - ${fmt(outageMinutesTotal)} / (${SERVICE_AREAS.length} x ${fmt(service.minutes)}) = ${exactPercent.toFixed(4)}%`;

  return {
    year,
    quarter,
    scope,
    value,
    working: {
      rule: settings.outageRule,
      countDegraded: settings.countDegraded,
      countPlannedMaintenance: settings.countPlannedMaintenance,
      rounding: settings.availabilityRounding,
      areas: SERVICE_AREAS.length,
      serviceDays: service.serviceDays,
      closedDays: service.closedDays,
      serviceMinutesPerArea: service.minutes,
      serviceMinutesTotal,
      outageMinutesByArea,
      outageMinutesTotal,
      exactPercent,
      formula,
      outages,
      excluded,
      warnings,
    },
  };
}

/** KPI-2 combined and for each council. */
export function computeAvailabilityByScope(
  input: AvailabilityInput,
  councils: readonly string[],
): { combined: AvailabilityFigure; byCouncil: Record<string, AvailabilityFigure> } {
  return {
    combined: computeAvailability(input, 'combined'),
    byCouncil: Object.fromEntries(councils.map((council) => [council, computeAvailability(input, council)])),
  };
}

/** Two decimals, down (never overstating availability) or to the nearest. */
export function roundPercent(percent: number, rounding: 'down' | 'nearest'): number {
  const scaled = percent * 100;
  // The epsilon keeps 99.57 from becoming 99.56 through binary fractions.
  return (rounding === 'down' ? Math.floor(scaled + 1e-7) : Math.round(scaled)) / 100;
}

function mergeIntervals(intervals: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const fmt = (value: number) => value.toLocaleString('en-GB');
