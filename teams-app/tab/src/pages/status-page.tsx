import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useApi } from '../api/api';
import { Empty, Load } from '../components/states';
import { IncidentDetail } from './status/incident-detail';
import { IncidentHistory } from './status/incident-history';
import { formatWhen, LEVEL_LABELS } from './status/status-format';
import { IncidentList, LevelBadge, StatusGrid } from './status/status-parts';
import type { CurrentStatus } from './status/status-types';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '20px' },
  section: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { margin: 0, fontSize: '1.25rem' },
  summary: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * Service status (the default page): each area for each council at a glance, what is under way, planned work
 * coming and the history of the outage log; with `incidentId` (the deep link), that incident alone.
 */
export function StatusPage({ incidentId }: { incidentId: string | null }) {
  if (incidentId) return <IncidentDetail incidentId={incidentId} />;
  return <StatusOverview />;
}

function StatusOverview() {
  const styles = useStyles();
  const status = useApi<CurrentStatus>('status');
  return (
    <div className={styles.page}>
      <Load from={status} label="the service status">
        {(data) => (
          <>
            <section className={styles.section} aria-labelledby="status-glance">
              <h2 id="status-glance" className={styles.heading}>
                At a glance
              </h2>
              <div className={styles.summary} role="status">
                <Text weight="semibold">Overall:</Text>
                <LevelBadge level={data.overall} />
                <Text className={styles.muted}>
                  {data.overall === 'operational'
                    ? 'Every service area is working for every council.'
                    : `${LEVEL_LABELS[data.overall]} somewhere: see the table and current incidents.`}{' '}
                  As of {formatWhen(data.at)}.
                </Text>
                <Button size="small" onClick={status.reload}>
                  Refresh
                </Button>
              </div>
              <StatusGrid status={data} />
            </section>
            <section className={styles.section} aria-labelledby="status-current">
              <h2 id="status-current" className={styles.heading}>
                Current incidents
              </h2>
              {data.current.length === 0 ? (
                <Empty>No incidents in progress.</Empty>
              ) : (
                <IncidentList incidents={data.current} label="Incidents in progress, worst first" />
              )}
            </section>
            <section className={styles.section} aria-labelledby="status-planned">
              <h2 id="status-planned" className={styles.heading}>
                Planned work (next {data.plannedWorkHorizonDays} days)
              </h2>
              {data.plannedSoon.length === 0 ? (
                <Empty>No planned work in the next {data.plannedWorkHorizonDays} days.</Empty>
              ) : (
                <IncidentList
                  incidents={data.plannedSoon}
                  label={`Planned maintenance in the next ${data.plannedWorkHorizonDays} days, soonest first`}
                />
              )}
            </section>
          </>
        )}
      </Load>
      <section className={styles.section} aria-labelledby="status-history">
        <h2 id="status-history" className={styles.heading}>
          History
        </h2>
        <IncidentHistory />
      </section>
    </div>
  );
}
