import { Badge, Button, MessageBar, MessageBarBody, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiError, useApi, useApiClient } from '../../api/api';
import { saveBlob } from '../../components/csv-download';
import { Load } from '../../components/states';
import { useMe } from '../../me';
import { DataTable, Section } from '../plan/data-table';
import { formatCount, formatDateTime, formatPence } from '../plan/format';
import type { Run, TenantProgress } from './types';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  progress: { display: 'grid', gap: '8px', maxWidth: '640px' },
  tenant: { display: 'grid', gap: '2px' },
  bar: { width: '100%', height: '12px', accentColor: tokens.colorBrandBackground },
});

const POLL_MS = 2000;
const isActive = (run: Run | null | undefined) => run?.status === 'queued' || run?.status === 'running';

const STATUS: Record<Run['status'], { text: string; colour: 'informative' | 'brand' | 'success' | 'danger' }> = {
  queued: { text: 'Queued', colour: 'informative' },
  running: { text: 'Running', colour: 'brand' },
  succeeded: { text: 'Succeeded', colour: 'success' },
  failed: { text: 'Failed', colour: 'danger' },
};
const TRIGGER: Record<Run['trigger'], string> = {
  schedule: 'Schedule',
  manual: 'Run now',
  'command-line': 'Command line',
};
const PHASE: Record<TenantProgress['phase'], string> = {
  waiting: 'waiting',
  seats: 'reading licensed users',
  'sign-ins': 'reading sign-in activity',
  done: 'done',
  failed: 'failed',
};

/**
 * The reconciliation runs, newest first; "Run now" queues one (409 while one is under way), and while a run is
 * queued or running its progress per council is read every two seconds.
 */
export function RunsSection({
  onRunFinished,
  reportRunId = null,
}: {
  onRunFinished(): void;
  /** A run whose report the user came for (from the licence card): offered first, above the list. */
  reportRunId?: string | null;
}) {
  const styles = useStyles();
  const client = useApiClient();
  const me = useMe();
  const runs = useApi<{ items: Run[] }>('licences/runs?pageSize=20');
  const [active, setActive] = useState<Run | null>(null);
  const [message, setMessage] = useState<{ intent: 'warning' | 'error' | 'success'; text: string } | null>(null);
  const [requesting, setRequesting] = useState(false);
  const newest = runs.state === 'ready' ? runs.data.items[0] : undefined;

  // A run already under way when the page opens is followed too.
  useEffect(() => {
    if (isActive(newest) && newest) setActive((current) => current ?? newest);
  }, [newest]);

  const activeId = isActive(active) ? active?.id : undefined;
  const reloadRuns = runs.reload;
  useEffect(() => {
    if (!activeId) return;
    let stopped = false;
    const timer = setInterval(() => {
      client.get<Run>(`licences/runs/${encodeURIComponent(activeId)}`).then(
        (run) => {
          if (stopped) return;
          setActive(run);
          if (!isActive(run)) {
            reloadRuns();
            onRunFinished();
          }
        },
        (error: Error) => !stopped && setMessage({ intent: 'error', text: `Could not read the run: ${error.message}` }),
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [activeId, client, reloadRuns, onRunFinished]);

  const runNow = async () => {
    setRequesting(true);
    setMessage(null);
    try {
      const run = await client.send<Run>('POST', 'licences/runs');
      setActive(run);
      reloadRuns();
    } catch (error) {
      const refused = error instanceof ApiError && error.status === 409;
      setMessage({ intent: refused ? 'warning' : 'error', text: (error as Error).message });
      // The run in the way is then the newest: reading the list again follows its progress.
      if (refused) reloadRuns();
    } finally {
      setRequesting(false);
    }
  };

  const download = async (run: Run) => {
    setMessage(null);
    try {
      saveBlob(
        `licence-report-${run.id}.csv`,
        await client.download(`licences/runs/${encodeURIComponent(run.id)}/report.csv`),
      );
    } catch (error) {
      setMessage({ intent: 'error', text: `Could not download the report: ${(error as Error).message}` });
    }
  };

  const partnerName = (code: string) => me.partnership.partners.find((p) => p.code === code)?.name ?? code;
  const wanted = runs.state === 'ready' ? runs.data.items.find((run) => run.id === reportRunId) : undefined;

  return (
    <Section id="licences-runs" title="Reconciliation runs">
      <div className={styles.actions}>
        <Button appearance="primary" onClick={runNow} disabled={requesting || isActive(active)}>
          {requesting ? 'Queuing…' : 'Run now'}
        </Button>
        <Text size={200}>Reads every council's tenant and reports licences that are paid for but not needed.</Text>
      </div>
      {wanted && (
        <MessageBar intent="info">
          <MessageBarBody>
            The report of the run of {formatDateTime(wanted.startedAt)}:{' '}
            <Button size="small" appearance="primary" onClick={() => download(wanted)}>
              Download the CSV
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div aria-live="polite" className={styles.progress}>
        {active && (
          <Text weight="semibold">
            The run started {formatDateTime(active.startedAt)} is {STATUS[active.status].text.toLowerCase()}
            {active.status === 'failed' && active.error ? `: ${active.error}` : ''}
          </Text>
        )}
      </div>
      {active && isActive(active) && (
        <div className={styles.progress}>
          {active.progress.length === 0 && <Text>Waiting for the reconciler to start…</Text>}
          {active.progress.map((tenant) => {
            const known = tenant.usersExpected !== null && tenant.usersExpected > 0;
            const value = known ? Math.min(1, tenant.usersRead / (tenant.usersExpected as number)) : undefined;
            return (
              <div key={tenant.partnerCode} className={styles.tenant}>
                <Text as="p" id={`progress-${tenant.partnerCode}`}>
                  {partnerName(tenant.partnerCode)} ({tenant.scan} scan): {PHASE[tenant.phase]},{' '}
                  {known
                    ? `${formatCount(tenant.usersRead)} of ${formatCount(tenant.usersExpected as number)} users read`
                    : `${formatCount(tenant.usersRead)} users read`}
                </Text>
                {/* A native progress bar: accessible as it is, and 3 KB gzip lighter than Fluent's. */}
                <progress
                  className={styles.bar}
                  aria-labelledby={`progress-${tenant.partnerCode}`}
                  max={1}
                  {...(tenant.phase === 'done' ? { value: 1 } : value === undefined ? {} : { value })}
                />
              </div>
            );
          })}
        </div>
      )}
      <Load from={runs} label="the reconciliation runs">
        {(data) => (
          <DataTable
            caption={`The ${data.items.length} most recent runs, newest first`}
            columns={[
              { label: 'Started' },
              { label: 'Trigger' },
              { label: 'Requested by' },
              { label: 'Status' },
              { label: 'Findings', numeric: true },
              { label: 'Annual cost of waste', numeric: true },
              { label: 'Report', csv: false },
            ]}
            rows={data.items.map((listed) => {
              const run = listed.id === active?.id ? active : listed;
              return {
                key: run.id,
                cells: [
                  formatDateTime(run.startedAt),
                  TRIGGER[run.trigger],
                  run.requestedBy ? `${run.requestedBy.name} (${run.requestedBy.partnerCode})` : 'Nobody (scheduled)',
                  <Badge
                    key="status"
                    appearance="tint"
                    style={{ whiteSpace: 'nowrap' }}
                    color={STATUS[run.status].colour}
                  >
                    {STATUS[run.status].text}
                  </Badge>,
                  run.totals ? formatCount(run.totals.findings) : '',
                  run.totals ? formatPence(run.totals.annualCostPence) : '',
                  run.reports ? (
                    <Button
                      key="report"
                      size="small"
                      aria-label={`Download CSV report: run started ${formatDateTime(run.startedAt)}`}
                      onClick={() => download(run)}
                    >
                      Download CSV report
                    </Button>
                  ) : (
                    'None'
                  ),
                ],
                csv: [
                  run.startedAt,
                  TRIGGER[run.trigger],
                  run.requestedBy?.name ?? null,
                  STATUS[run.status].text,
                  run.totals?.findings ?? null,
                  run.totals ? run.totals.annualCostPence / 100 : null,
                ],
              };
            })}
            filename="licence-runs.csv"
            empty="No reconciliation has run yet. Choose Run now to start one."
          />
        )}
      </Load>
    </Section>
  );
}
