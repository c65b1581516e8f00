/** What the status API answers (`shared/status/current-status.ts`, `shared/schemas/incidents.ts`), as the tab reads it. */

export type StatusArea = 'network-telephony' | 'email' | 'internet-web' | 'server-infrastructure';
export type StatusLevel = 'outage' | 'degraded' | 'maintenance' | 'operational';

export type IncidentActor = { name: string; partnerCode: string };

export type Incident = {
  id: string;
  kind: 'incident' | 'planned-maintenance';
  title: string;
  areas: StatusArea[];
  services: string[];
  councils: string[];
  start: string;
  /** Null while an incident is open; planned maintenance has its planned end. */
  end: string | null;
  severity: 'degraded' | 'outage';
  cause: { kind: 'third-party'; supplier: string } | { kind: 'internal' } | { kind: 'unknown' };
  updates: { at: string; text: string; by: IncidentActor }[];
  createdAt: string;
  createdBy: IncidentActor;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: IncidentActor | null;
  source: 'api' | 'import';
};

export type CurrentStatus = {
  at: string;
  overall: StatusLevel;
  areas: { area: StatusArea; label: string; status: StatusLevel; incidentIds: string[]; plannedIds: string[] }[];
  councils: {
    code: string;
    name: string;
    status: StatusLevel;
    areas: { area: StatusArea; status: StatusLevel }[];
    incidentIds: string[];
    plannedIds: string[];
  }[];
  current: Incident[];
  plannedSoon: Incident[];
  plannedWorkHorizonDays: number;
};

export type IncidentPage = { items: Incident[]; continuationToken: string | null };
