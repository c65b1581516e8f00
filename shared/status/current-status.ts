import { RecentAnswers } from '../caching/recent-answers';
import type { Caller } from '../identity/caller';
import { partnershipFrom } from '../partnerships/find-partnership';
import {
  type Incident,
  STATUS_AREA_LABELS,
  STATUS_AREAS,
  STATUS_LEVELS,
  type StatusArea,
  type StatusLevel,
} from '../schemas/incidents';
import type { Partner } from '../schemas/partnership';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { phaseAt } from './incident-rules';

/** How far ahead planned work is announced on the status page. */
export const PLANNED_WORK_HORIZON_DAYS = 7;

/** How long a derived status is reused while the outage log is unchanged: an incident's start lags this much. */
const STATUS_REUSE_MS = 5_000;
const recentStatuses = new RecentAnswers<CurrentStatus>(STATUS_REUSE_MS);

export type AreaStatus = {
  area: StatusArea;
  label: string;
  status: StatusLevel;
  /** Incidents and maintenance under way in the area, worst first. */
  incidentIds: string[];
  /** Planned maintenance starting within the horizon, soonest first. */
  plannedIds: string[];
};

export type CouncilStatus = {
  code: string;
  name: string;
  status: StatusLevel;
  areas: { area: StatusArea; status: StatusLevel }[];
  incidentIds: string[];
  plannedIds: string[];
};

export type CurrentStatus = {
  at: string;
  overall: StatusLevel;
  areas: AreaStatus[];
  councils: CouncilStatus[];
  /** Everything under way now, worst first, then newest. */
  current: Stored<Incident>[];
  /** Planned maintenance starting in the next seven days, soonest first. */
  plannedSoon: Stored<Incident>[];
  plannedWorkHorizonDays: number;
};

/**
 * The status now of each service area and each council of the caller's partnership, derived from its open
 * incidents: any member of staff may read it, for every council. See `deriveStatus`. While the stores answer
 * with the same objects (their read cache), a status derived in the last few seconds is reused.
 */
export async function getCurrentStatus(
  stores: Pick<Stores, 'partnerships' | 'incidents'>,
  caller: Caller,
  now: () => Date = () => new Date(),
): Promise<CurrentStatus> {
  const [found, incidents] = await Promise.all([
    stores.partnerships.get(caller.partnershipId, caller.partnershipId),
    stores.incidents.listAll(caller.partnershipId),
  ]);
  const partnership = partnershipFrom(found);
  const at = now();
  return recentStatuses.get(caller.partnershipId, [found, incidents], at.getTime(), () =>
    deriveStatus(
      incidents.map((row) => row.record),
      partnership.partners,
      at,
    ),
  );
}

/**
 * Status from the outage log at an instant. What is under way (started, and not ended) sets the level of each
 * area it names, for each council it names: an outage beats degraded, degraded beats planned maintenance under
 * way (whatever its severity), and with nothing under way an area is operational. A council's status is the worst
 * of its areas; the overall status the worst of all. Planned maintenance starting within seven days is listed as
 * planned work coming, and changes no level until it starts.
 */
export function deriveStatus<T extends Incident>(
  incidents: readonly T[],
  partners: readonly Pick<Partner, 'code' | 'name'>[],
  now: Date,
): CurrentStatus & { current: T[]; plannedSoon: T[] } {
  const horizon = now.getTime() + PLANNED_WORK_HORIZON_DAYS * 24 * 60 * 60_000;
  const current = incidents
    .filter((record) => phaseAt(record, now) === 'under-way')
    .sort(
      (a, b) =>
        rank(levelOf(a)) - rank(levelOf(b)) || Date.parse(b.start) - Date.parse(a.start) || a.id.localeCompare(b.id),
    );
  const plannedSoon = incidents
    .filter(
      (record) =>
        record.kind === 'planned-maintenance' &&
        phaseAt(record, now) === 'upcoming' &&
        Date.parse(record.start) <= horizon,
    )
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));

  const levelFor = (area: StatusArea, council?: string) =>
    worst(
      current
        .filter((record) => record.areas.includes(area) && (!council || record.councils.includes(council)))
        .map(levelOf),
    );
  const ids = (list: readonly T[], keep: (record: T) => boolean) => list.filter(keep).map((record) => record.id);

  const areas: AreaStatus[] = STATUS_AREAS.map((area) => ({
    area,
    label: STATUS_AREA_LABELS[area],
    status: levelFor(area),
    incidentIds: ids(current, (record) => record.areas.includes(area)),
    plannedIds: ids(plannedSoon, (record) => record.areas.includes(area)),
  }));
  const councils: CouncilStatus[] = partners.map((partner) => {
    const perArea = STATUS_AREAS.map((area) => ({ area, status: levelFor(area, partner.code) }));
    return {
      code: partner.code,
      name: partner.name,
      status: worst(perArea.map((entry) => entry.status)),
      areas: perArea,
      incidentIds: ids(current, (record) => record.councils.includes(partner.code)),
      plannedIds: ids(plannedSoon, (record) => record.councils.includes(partner.code)),
    };
  });
  return {
    at: now.toISOString(),
    overall: worst(areas.map((area) => area.status)),
    areas,
    councils,
    current,
    plannedSoon,
    plannedWorkHorizonDays: PLANNED_WORK_HORIZON_DAYS,
  };
}

/** What an incident under way does to the areas it names. */
function levelOf(record: Incident): StatusLevel {
  return record.kind === 'planned-maintenance' ? 'maintenance' : record.severity;
}

const rank = (level: StatusLevel) => STATUS_LEVELS.indexOf(level);

function worst(levels: readonly StatusLevel[]): StatusLevel {
  return levels.reduce<StatusLevel>((a, b) => (rank(b) < rank(a) ? b : a), 'operational');
}
