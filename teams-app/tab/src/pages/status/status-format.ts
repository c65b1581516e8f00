import type { Incident, StatusArea, StatusLevel } from './status-types';

export const AREA_LABELS: Record<StatusArea, string> = {
  'network-telephony': 'Network/Telephony',
  email: 'Email',
  'internet-web': 'Internet/web site services',
  'server-infrastructure': 'Centralised server infrastructure',
};

export const LEVEL_LABELS: Record<StatusLevel, string> = {
  outage: 'Outage',
  degraded: 'Degraded',
  maintenance: 'Maintenance',
  operational: 'Operational',
};

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as UK staff read it: "Tue, 3 Sept 2019, 16:30". */
export const formatWhen = (iso: string) => when.format(new Date(iso));

/** "1 h 25 min", "40 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${rest ? ` ${rest} min` : ''}`;
  return `${rest} min`;
}

export const kindLabel = (incident: Pick<Incident, 'kind'>) =>
  incident.kind === 'planned-maintenance' ? 'Planned maintenance' : 'Incident';

export const severityLabel = (incident: Pick<Incident, 'severity'>) =>
  incident.severity === 'outage' ? 'Full outage' : 'Degraded';

export function causeLabel(incident: Pick<Incident, 'cause'>): string {
  const { cause } = incident;
  if (cause.kind === 'third-party') return `Third party: ${cause.supplier}`;
  return cause.kind === 'internal' ? 'Internal' : 'Not known yet';
}

export const areasLabel = (incident: Pick<Incident, 'areas'>) =>
  incident.areas.map((area) => AREA_LABELS[area] ?? area).join(', ');

/** Start to end, or "since" for one still open. */
export function periodLabel(incident: Pick<Incident, 'start' | 'end'>, now = Date.now()): string {
  if (incident.end === null) {
    return `Since ${formatWhen(incident.start)} (${formatDuration(now - Date.parse(incident.start))} so far)`;
  }
  const length = formatDuration(Date.parse(incident.end) - Date.parse(incident.start));
  return `${formatWhen(incident.start)} to ${formatWhen(incident.end)} (${length})`;
}
