import { Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { LineChart, type Series } from '../../components/line-chart';
import { formatValue, periodLabel, RagBadge, ragLabel, shortPeriodLabel, sourceLabel, trendText } from './kpi-format';
import type { KpiEntry } from './kpi-types';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { margin: 0, fontSize: '1.05rem' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '12px',
    rowGap: '4px',
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
  },
  value: { fontSize: '1.5rem', fontWeight: tokens.fontWeightSemibold, marginRight: '8px' },
  muted: { color: tokens.colorNeutralForeground2 },
  summary: {
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  notes: { margin: 0, paddingLeft: '18px' },
});

/** The figure's colour and the target's: a brand purple and a neutral grey, readable on light and dark. */
const VALUE_COLOUR = '#6264a7';
const TARGET_COLOUR = '#8a8886';

/** One KPI: its target and value for the period, RAG, where the figure comes from, trend and commentary. */
export function KpiCard({ entry, councilName }: { entry: KpiEntry; councilName: (code: string) => string }) {
  const styles = useStyles();
  const headingId = `kpi-${entry.kpiId}`;
  const labels = useMemo(() => entry.trend.map(shortPeriodLabel), [entry.trend]);
  const series = useMemo((): Series[] => {
    const list: Series[] = [{ label: entry.code, values: entry.trend.map((p) => p.value), colour: VALUE_COLOUR }];
    if (entry.target?.value != null) {
      list.push({ label: 'Target', values: entry.trend.map(() => entry.target?.value ?? null), colour: TARGET_COLOUR });
    }
    return list;
  }, [entry.trend, entry.target, entry.code]);
  const hasTrend = entry.unit !== 'text' && entry.trend.some((p) => p.value !== null);
  const unit = entry.unit === 'percent' ? '%' : '';
  const showReported = entry.source === 'computed' && entry.reported !== null && entry.reported.value !== null;
  return (
    <Card className={styles.card} aria-labelledby={headingId} role="article">
      <h4 id={headingId} className={styles.heading}>
        {entry.code} {entry.title}
      </h4>
      <div>
        <span className={styles.value}>{formatValue(entry.value, entry.unit)}</span>
        <RagBadge rag={entry.rag} />
      </div>
      <dl className={styles.facts}>
        <dt>Target</dt>
        <dd>
          {entry.target?.printed ?? 'None set'}
          {entry.direction === 'lower-is-better' ? ' or lower' : entry.target?.value != null ? ' or higher' : ''}
        </dd>
        <dt>Figure</dt>
        <dd>
          {sourceLabel(entry)}, {periodLabel(entry.period)},{' '}
          {entry.scope === 'combined' ? 'all councils combined' : councilName(entry.scope)}
        </dd>
        {showReported && entry.reported && (
          <>
            <dt>Reported</dt>
            <dd>
              {formatValue(entry.reported.value, entry.unit)} ({ragLabel(entry.reported.rag)})
            </dd>
          </>
        )}
        <dt>Trend</dt>
        <dd>{trendText(entry)}</dd>
      </dl>
      {hasTrend ? (
        <LineChart
          labels={labels}
          series={series}
          unit={unit}
          height={160}
          summary={`${entry.code} by ${entry.frequency === 'annual' ? 'year' : 'quarter'}: ${trendText(entry)} Target ${
            entry.target?.printed ?? 'none'
          }.`}
        />
      ) : (
        <Text size={200} className={styles.muted}>
          No figures to chart for this or the {entry.trend.length - 1} earlier periods.
        </Text>
      )}
      {entry.notes.length > 0 && (
        <ul className={styles.notes} aria-label="Notes">
          {entry.notes.map((note) => (
            <li key={note}>
              <Text size={200}>{note}</Text>
            </li>
          ))}
        </ul>
      )}
      {entry.commentary ? (
        <details>
          <summary className={styles.summary}>Commentary</summary>
          <Text as="p" size={200}>
            {entry.commentary}
          </Text>
        </details>
      ) : (
        <Text size={200} className={styles.muted}>
          No commentary.
        </Text>
      )}
    </Card>
  );
}
