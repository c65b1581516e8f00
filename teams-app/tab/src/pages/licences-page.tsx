import { makeStyles } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { Empty } from '../components/states';
import { hasRole, useMe } from '../me';
import { FindingsSection } from './licences/findings-section';
import { HistorySection } from './licences/history-section';
import { MatchesSection } from './licences/matches-section';
import { RunsSection } from './licences/runs-section';
import { StarterSection } from './licences/starter-section';

const useStyles = makeStyles({ page: { display: 'flex', flexDirection: 'column', gap: '16px' } });

/**
 * Licence reconciliation for licence administrators: runs and their progress, the findings of the last good run,
 * the waste trend, candidate matches to decide and the starter check. When a run finishes, the sections that
 * rest on the last good run are read again. `runId` (the licence card's CSV link) offers that run's report.
 */
export function LicencesPage({ runId = null }: { runId?: string | null }) {
  const styles = useStyles();
  const me = useMe();
  const [generation, setGeneration] = useState(0);
  const onRunFinished = useCallback(() => setGeneration((g) => g + 1), []);
  if (!hasRole(me, 'licence-admin', 'partnership-admin')) {
    return <Empty>The licences page is for licence administrators and the partnership's administrators.</Empty>;
  }
  return (
    <div className={styles.page}>
      <RunsSection onRunFinished={onRunFinished} reportRunId={runId} />
      <FindingsSection key={`findings-${generation}`} />
      <HistorySection key={`history-${generation}`} />
      <MatchesSection key={`matches-${generation}`} />
      <StarterSection />
    </div>
  );
}
