import type { StatusLevel } from '../schemas/incidents';
import type { CurrentStatus } from '../status/current-status';
import type { CardContext } from './card-viewer';
import { type AdaptiveCard, adaptiveCard } from './parts/adaptive-card';
import { factSet } from './parts/facts';
import { formatDateTime } from './parts/format';
import { cardHeader } from './parts/header';
import { openInTab } from './parts/links';
import { notice, type Tone } from './parts/notice';
import { plainText, run, sectionHeading, textBlock } from './parts/text';

/** What the status card shows: the service status the app computes, cut down to what a chat reply needs. */
export type ServiceStatusView = {
  at: string;
  overall: StatusLevel;
  areas: { label: string; level: StatusLevel }[];
  incidents: { title: string; level: StatusLevel; since: string }[];
};

const LEVELS: Record<StatusLevel, { words: string; tone: Tone }> = {
  outage: { words: 'Outage', tone: 'attention' },
  degraded: { words: 'Degraded', tone: 'warning' },
  maintenance: { words: 'Planned work under way', tone: 'warning' },
  operational: { words: 'Operational', tone: 'good' },
};

/** The status view of the app's current status: each area, and what is under way now. */
export function serviceStatusViewOf(status: CurrentStatus): ServiceStatusView {
  return {
    at: status.at,
    overall: status.overall,
    areas: status.areas.map((area) => ({ label: area.label, level: area.status })),
    incidents: status.current.map((incident) => ({
      title: incident.title,
      level: incident.kind === 'planned-maintenance' ? 'maintenance' : incident.severity,
      since: incident.start,
    })),
  };
}

/** The bot's answer to "status": overall, per area in words (the colour only repeats them), and current incidents. */
export function serviceStatusCard(view: ServiceStatusView, context: CardContext): AdaptiveCard {
  const overall = LEVELS[view.overall];
  return adaptiveCard({
    body: [
      ...cardHeader({ title: 'IT service status', subtitle: `As at ${formatDateTime(view.at)}` }),
      notice(`Overall: ${overall.words}`, overall.tone),
      factSet(
        view.areas.map((area) => [area.label, LEVELS[area.level].words]),
        { spacing: 'Medium' },
      ),
      sectionHeading('Under way now'),
      ...(view.incidents.length === 0
        ? [textBlock('Nothing: no incidents or planned work under way.', { spacing: 'None' })]
        : view.incidents.map((incident) =>
            plainText(
              [
                run(`${LEVELS[incident.level].words}: `, { weight: 'Bolder' }),
                run(incident.title),
                run(`, since ${formatDateTime(incident.since)}`, { isSubtle: true }),
              ],
              { spacing: 'Small' },
            ),
          )),
    ],
    actions: [openInTab(context.tabUrl, 'status')],
  });
}
