import { Button, makeStyles, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useApiClient } from '../../api/api';
import { downloadCsv } from '../../components/csv-download';
import { Empty, Load } from '../../components/states';
import { hrefOf } from '../../routes';
import { areasLabel, causeLabel, formatDuration, formatWhen, kindLabel, severityLabel } from './status-format';
import { TextLink, useCouncilNames, useTableStyles } from './status-parts';
import type { Incident, IncidentPage } from './status-types';

const PAGE_SIZE = 20;

const pagePath = (token: string | null) =>
  `incidents?state=history&pageSize=${PAGE_SIZE}${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;

const useStyles = makeStyles({
  actions: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', marginTop: '8px' },
});

type History =
  | { state: 'loading' }
  | { state: 'error'; error: Error }
  | { state: 'ready'; data: { items: Incident[]; token: string | null } };

/** The outage log's ended incidents, newest first, a page at a time ("Show more"), and as a CSV. */
export function IncidentHistory() {
  const client = useApiClient();
  const styles = useStyles();
  const table = useTableStyles();
  const councilNames = useCouncilNames();
  const [history, setHistory] = useState<History>({ state: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version re-reads the first page on "Try again"
  useEffect(() => {
    let current = true;
    setHistory({ state: 'loading' });
    client.get<IncidentPage>(pagePath(null)).then(
      (page) => current && setHistory({ state: 'ready', data: { items: page.items, token: page.continuationToken } }),
      (error: Error) => current && setHistory({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [client, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const showMore = async (token: string) => {
    setMore({ busy: true, error: null });
    try {
      const page = await client.get<IncidentPage>(pagePath(token));
      setHistory((previous) =>
        previous.state === 'ready'
          ? { state: 'ready', data: { items: [...previous.data.items, ...page.items], token: page.continuationToken } }
          : previous,
      );
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: (error as Error).message });
    }
  };

  const exportCsv = (items: readonly Incident[]) =>
    downloadCsv(
      'outage-history.csv',
      ['Title', 'Kind', 'Severity', 'Areas', 'Councils', 'Start', 'End', 'Minutes', 'Cause', 'Link'],
      items.map((incident) => [
        incident.title,
        kindLabel(incident),
        severityLabel(incident),
        areasLabel(incident),
        incident.councils.join(', '),
        incident.start,
        incident.end,
        incident.end === null ? null : Math.round((Date.parse(incident.end) - Date.parse(incident.start)) / 60_000),
        causeLabel(incident),
        `${window.location.origin}${window.location.pathname}${hrefOf({ page: 'status', incidentId: incident.id })}`,
      ]),
    );

  return (
    <Load from={{ ...history, reload }} label="the outage history">
      {({ items, token }) =>
        items.length === 0 ? (
          <Empty>No resolved incidents in the outage log.</Empty>
        ) : (
          <>
            <div className={table.wrap}>
              <table className={table.table}>
                <caption className={table.caption}>
                  Resolved incidents and past maintenance, newest first ({items.length} shown
                  {token ? ', more to show' : ''})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Incident</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Areas</th>
                    <th scope="col">Councils</th>
                    <th scope="col">Start</th>
                    <th scope="col">Length</th>
                    <th scope="col">Cause</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((incident) => (
                    <tr key={incident.id}>
                      <th scope="row" style={{ fontWeight: 'normal' }}>
                        <TextLink href={hrefOf({ page: 'status', incidentId: incident.id })}>{incident.title}</TextLink>
                      </th>
                      <td>
                        {kindLabel(incident)}, {severityLabel(incident).toLowerCase()}
                      </td>
                      <td>{areasLabel(incident)}</td>
                      <td>{councilNames(incident.councils)}</td>
                      <td>{formatWhen(incident.start)}</td>
                      <td>
                        {incident.end === null
                          ? '—'
                          : formatDuration(Date.parse(incident.end) - Date.parse(incident.start))}
                      </td>
                      <td>{causeLabel(incident)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className={styles.actions}>
              {token && (
                <Button onClick={() => showMore(token)} disabled={more.busy}>
                  Show more
                </Button>
              )}
              <Button onClick={() => exportCsv(items)}>Download CSV ({items.length} shown)</Button>
              {more.busy && <Spinner size="tiny" label="Loading more…" />}
              {more.error && <span role="alert">Could not load more: {more.error}</span>}
            </div>
          </>
        )
      }
    </Load>
  );
}
