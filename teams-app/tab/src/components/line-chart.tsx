import { tokens } from '@fluentui/react-components';

export type Series = { label: string; values: (number | null)[]; colour: string };

const WIDTH = 600;
const PAD = { left: 56, right: 28, top: 12, bottom: 28 };

/**
 * A line chart for trends per quarter or per run, drawn as SVG: the few points these trends hold need no chart
 * library (uPlot alone was a tenth of the tab's JavaScript budget). It scales to its box, draws each series with
 * its points and a legend, and carries `summary` for screen readers, who get the figures in words.
 */
export function LineChart({
  labels,
  series,
  summary,
  height = 200,
  unit = '',
}: {
  labels: string[];
  series: Series[];
  summary: string;
  height?: number;
  unit?: string;
}) {
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const [low, high] = values.length > 0 ? niceRange(Math.min(...values), Math.max(...values)) : [0, 1];
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? plotWidth / 2 : (i / (labels.length - 1)) * plotWidth);
  const y = (v: number) => PAD.top + plotHeight - ((v - low) / (high - low || 1)) * plotHeight;
  const ticks = [low, (low + high) / 2, high];
  const text = { fill: tokens.colorNeutralForeground2, fontSize: 11 };
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke={tokens.colorNeutralStroke2} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" {...text}>
              {formatTick(tick)}
              {unit}
            </text>
          </g>
        ))}
        {labels.map((label, i) => (
          <text key={label} x={x(i)} y={height - 8} textAnchor="middle" {...text}>
            {label}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.label} stroke={s.colour} fill={s.colour}>
            <polyline fill="none" strokeWidth={2} points={pointsOf(s.values, x, y)} />
            {s.values.map((v, i) => (v === null ? null : <circle key={labels[i] ?? i} cx={x(i)} cy={y(v)} r={3.5} />))}
          </g>
        ))}
      </svg>
      <figcaption style={{ display: 'flex', gap: '16px', flexWrap: 'wrap', fontSize: '0.85em' }}>
        {series.map((s) => (
          <span key={s.label}>
            <span aria-hidden="true" style={{ color: s.colour }}>
              ━━{' '}
            </span>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The known points, joined; a quarter without a figure (null) is left out of the line and has no point. */
function pointsOf(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  return values
    .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
}

/** A range with a little room around the values, so flat trends still show as lines inside the box. */
function niceRange(min: number, max: number): [number, number] {
  const span = max - min || Math.abs(max) * 0.1 || 1;
  return [min - span * 0.1, max + span * 0.1];
}

const formatTick = (value: number) =>
  Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-GB') : Number(value.toFixed(2)).toString();
