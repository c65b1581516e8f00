import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api';
import { Empty, Load } from '../../components/states';
import { hrefOf } from '../../routes';
import {
  areasLabel,
  causeLabel,
  formatDuration,
  formatWhen,
  kindLabel,
  LEVEL_LABELS,
  severityLabel,
} from './status-format';
import { LevelBadge, TextLink, useCouncilNames } from './status-parts';
import type { Incident } from './status-types';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '16px',
    rowGap: '6px',
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0 },
  },
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: `2px solid ${tokens.colorNeutralStroke1}`,
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
  },
  update: { paddingLeft: '12px', display: 'flex', flexDirection: 'column', gap: '2px' },
  muted: { color: tokens.colorNeutralForeground2 },
  heading: { margin: 0, fontSize: '1.25rem' },
});

/** One incident (the deep link `#/status/incidents/{id}`): what, where, when, why, and its updates. */
export function IncidentDetail({ incidentId }: { incidentId: string }) {
  const incident = useApi<Incident>(`incidents/${encodeURIComponent(incidentId)}`);
  return (
    <>
      <TextLink href={hrefOf({ page: 'status' })}>← Back to status</TextLink>
      <Load from={incident} label="the incident">
        {(data) => <IncidentView incident={data} />}
      </Load>
    </>
  );
}

function IncidentView({ incident }: { incident: Incident }) {
  const styles = useStyles();
  const councilNames = useCouncilNames();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening an incident (same page, new address) moves focus to its title for screen readers.
  useEffect(() => heading.current?.focus(), []);
  const now = Date.now();
  const open = incident.end === null || Date.parse(incident.end) > now;
  const upcoming = Date.parse(incident.start) > now;
  const state = upcoming ? 'Planned, not started' : open ? 'In progress' : 'Resolved';
  const level = incident.kind === 'planned-maintenance' ? 'maintenance' : incident.severity;
  return (
    <article aria-labelledby="incident-title">
      <h2 id="incident-title" ref={heading} tabIndex={-1} className={styles.heading}>
        {incident.title}
      </h2>
      <div>
        <LevelBadge level={level} /> <Text>{state}</Text>
      </div>
      <dl className={styles.facts}>
        <dt>Kind</dt>
        <dd>{kindLabel(incident)}</dd>
        <dt>Severity</dt>
        <dd>
          {severityLabel(incident)}
          {level === 'maintenance' ? ` (shown as ${LEVEL_LABELS.maintenance.toLowerCase()} while under way)` : ''}
        </dd>
        <dt>Service areas</dt>
        <dd>{areasLabel(incident)}</dd>
        <dt>Councils</dt>
        <dd>{councilNames(incident.councils)}</dd>
        <dt>Start</dt>
        <dd>{formatWhen(incident.start)}</dd>
        <dt>{incident.kind === 'planned-maintenance' && open ? 'Planned end' : 'End'}</dt>
        <dd>
          {incident.end === null
            ? `Ongoing (${formatDuration(now - Date.parse(incident.start))} so far)`
            : `${formatWhen(incident.end)} (${formatDuration(Date.parse(incident.end) - Date.parse(incident.start))})`}
        </dd>
        <dt>Cause</dt>
        <dd>{causeLabel(incident)}</dd>
        {incident.resolvedBy && incident.resolvedAt && (
          <>
            <dt>Resolved by</dt>
            <dd>
              {incident.resolvedBy.name} ({incident.resolvedBy.partnerCode}), {formatWhen(incident.resolvedAt)}
            </dd>
          </>
        )}
      </dl>
      <h3>Updates</h3>
      {incident.updates.length === 0 ? (
        <Empty>No updates posted.</Empty>
      ) : (
        <ol className={styles.timeline} aria-label="Updates, oldest first">
          {incident.updates.map((update, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: updates are append-only and have no id
            <li key={index} className={styles.update}>
              <Text size={200} className={styles.muted}>
                <time dateTime={update.at}>{formatWhen(update.at)}</time> · {update.by.name} ({update.by.partnerCode})
              </Text>
              <Text>{update.text}</Text>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
