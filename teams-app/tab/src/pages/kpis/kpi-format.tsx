import { Badge } from '@fluentui/react-components';
import type { KpiEntry, KpiUnit, Rag, TrendPoint } from './kpi-types';

const RAG_LOOK: Record<Rag, { color: 'danger' | 'warning' | 'success'; label: string; mark: string }> = {
  red: { color: 'danger', label: 'Red', mark: '✕' },
  amber: { color: 'warning', label: 'Amber', mark: '▲' },
  green: { color: 'success', label: 'Green', mark: '✓' },
};

/** Red/Amber/Green in colour, with a shape and the word. */
export function RagBadge({ rag }: { rag: Rag | null }) {
  if (!rag) {
    return (
      <Badge appearance="outline" color="subtle" shape="rounded">
        No RAG
      </Badge>
    );
  }
  const look = RAG_LOOK[rag];
  return (
    <Badge appearance="tint" color={look.color} shape="rounded">
      <span aria-hidden="true">{look.mark}&nbsp;</span>
      {look.label}
    </Badge>
  );
}

export const ragLabel = (rag: Rag | null) => (rag ? RAG_LOOK[rag].label : 'No RAG');

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** A value in its unit: "99.57%", "£50,000". */
export function formatValue(value: number | null, unit: KpiUnit): string {
  if (value === null) return 'No figure';
  if (unit === 'percent') return `${number.format(value)}%`;
  if (unit === 'gbp') return pounds.format(value);
  return number.format(value);
}

/** "Q2 2019/20", or "2019/20" for a year. */
export const periodLabel = (point: { year: string; quarter: number | null }) =>
  point.quarter === null ? point.year.replace('-', '/') : `Q${point.quarter} ${point.year.replace('-', '/')}`;

/** "Q2 19/20", short enough for a chart's axis. */
export const shortPeriodLabel = (point: { year: string; quarter: number | null }) => {
  const year = `${point.year.slice(2, 4)}/${point.year.slice(5, 7)}`;
  return point.quarter === null ? year : `Q${point.quarter} ${year}`;
};

export function sourceLabel(entry: Pick<KpiEntry, 'source' | 'computed'>): string {
  if (entry.source === 'computed') {
    const from = {
      availability: 'the outage log',
      'service-desk': 'the service desk tickets',
      'project-delivery': 'the project pipeline',
    }[entry.computed?.detail.kind ?? 'availability'];
    return `computed from ${from}`;
  }
  if (entry.source === 'imported') return 'reported (imported)';
  return entry.source === 'reported' ? 'reported' : 'not reported';
}

/** The trend in words: each earlier figure, then the change on the last one with a figure. */
export function trendText(entry: Pick<KpiEntry, 'trend' | 'unit' | 'direction'>): string {
  const points = entry.trend.filter((p): p is TrendPoint & { value: number } => p.value !== null);
  if (points.length === 0) return 'No figures for this or earlier periods.';
  const list = points.map((p) => `${periodLabel(p)} ${formatValue(p.value, entry.unit)}`).join('; ');
  if (points.length === 1) return `${list} (no earlier figure).`;
  const last = points[points.length - 1] as TrendPoint & { value: number };
  const before = points[points.length - 2] as TrendPoint & { value: number };
  const change = last.value - before.value;
  const better = entry.direction === 'higher-is-better' ? change > 0 : change < 0;
  const word =
    Math.abs(change) < 1e-9
      ? 'unchanged'
      : `${better ? 'improved' : 'worse'} (${change > 0 ? 'up' : 'down'} ${
          entry.unit === 'percent'
            ? `${number.format(Math.abs(change))} points`
            : formatValue(Math.abs(change), entry.unit)
        })`;
  return `${list}: ${word} since ${periodLabel(before)}.`;
}
