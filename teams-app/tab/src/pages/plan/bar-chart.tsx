import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  figure: { margin: 0 },
  caption: { fontWeight: tokens.fontWeightSemibold, marginBottom: '8px' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  group: { display: 'grid', gap: '2px' },
  groupLabel: { fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(80px, 140px) 1fr minmax(90px, max-content)',
    alignItems: 'center',
    gap: '8px',
  },
  track: { height: '14px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: '2px' },
  // Each bar has a border too, so it stays visible in forced-colours (Windows high contrast) mode.
  bar: { height: '100%', border: `1px solid ${tokens.colorNeutralStrokeAccessible}`, boxSizing: 'border-box' },
  solid: { backgroundColor: tokens.colorBrandBackground },
  striped: {
    backgroundImage: `repeating-linear-gradient(45deg, ${tokens.colorPaletteGreenBackground3} 0 4px, ${tokens.colorNeutralBackground1} 4px 6px)`,
  },
  value: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export type BarGroup = { label: string; bars: { series: string; value: number; text: string }[] };

/**
 * Horizontal bars per group (a council), one per series (cost, savings): plain HTML, so every bar's series and
 * value are written beside it as text and read in order by a screen reader; fill and pattern only repeat them.
 */
export function BarChart({ title, groups }: { title: string; groups: BarGroup[] }) {
  const styles = useStyles();
  const max = Math.max(1, ...groups.flatMap((group) => group.bars.map((bar) => bar.value)));
  const seriesNames = [...new Set(groups.flatMap((group) => group.bars.map((bar) => bar.series)))];
  return (
    <figure className={styles.figure}>
      <figcaption className={styles.caption}>{title}</figcaption>
      <ul className={styles.list}>
        {groups.map((group) => (
          <li key={group.label} className={styles.group}>
            <span className={styles.groupLabel}>{group.label}</span>
            {group.bars.map((bar) => (
              <div key={bar.series} className={styles.row}>
                <span>{bar.series}</span>
                <span className={styles.track} aria-hidden="true">
                  <span
                    className={`${styles.bar} ${seriesNames.indexOf(bar.series) % 2 ? styles.striped : styles.solid}`}
                    style={{ display: 'block', width: `${Math.max(0, (bar.value / max) * 100)}%` }}
                  />
                </span>
                <span className={styles.value}>{bar.text}</span>
              </div>
            ))}
          </li>
        ))}
      </ul>
    </figure>
  );
}
