import { Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { downloadCsv } from '../../components/csv-download';
import { Empty } from '../../components/states';

const useStyles = makeStyles({
  card: { padding: '12px 16px', gap: '8px' },
  heading: { margin: 0, fontSize: '1.125rem' },
  toolbar: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '8px', flexWrap: 'wrap' },
  title: { fontWeight: tokens.fontWeightSemibold },
  // The caption names the table for screen readers; sighted users read the same text in the toolbar above.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  scroll: {
    position: 'relative',
    overflowX: 'auto',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  // A plain table styled with the theme's tokens: Fluent's Table would add about 3 KB gzip for the same markup.
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase300,
    '& th, & td': {
      padding: '6px 8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& thead th': { fontWeight: tokens.fontWeightSemibold, borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
    '& tbody tr:hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    // Figures take the width they need and text columns the rest.
    '& [data-numeric]': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', width: '1%' },
    '& tr[data-total] > *': { fontWeight: tokens.fontWeightSemibold },
  },
  notes: { margin: 0, paddingLeft: '18px', color: tokens.colorNeutralForeground2 },
});

/** A titled block of the page: a card with a level-2 heading, so screen readers can jump between sections. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <Card className={styles.card} id={id} aria-labelledby={`${id}-heading`} role="region">
      <h2 id={`${id}-heading`} className={styles.heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </Card>
  );
}

/**
 * `csv: false` leaves a column (buttons) out of the CSV; a row's `csv` then holds the other columns' values. A
 * table whose CSV has other columns than it shows (a cell holding an amount and a state) names them in `csvHeader`.
 */
export type Column = { label: string; numeric?: boolean; csv?: false };
export type Row = { key: string; cells: ReactNode[]; csv: (string | number | null)[]; total?: boolean };

/**
 * A captioned table with a "Download CSV" button for the same rows, and a message when there are none. The table
 * scrolls sideways on a narrow tab; the scrolling box takes focus so keyboard users can scroll it too.
 */
export function DataTable({
  caption,
  columns,
  rows,
  filename,
  empty,
  notes = [],
  csvHeader,
}: {
  caption: string;
  columns: Column[];
  rows: Row[];
  filename: string;
  empty: string;
  notes?: string[];
  csvHeader?: string[];
}) {
  const styles = useStyles();
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div>
      <div className={styles.toolbar}>
        <Text className={styles.title} aria-hidden="true">
          {caption}
        </Text>
        <Button
          size="small"
          aria-label={`Download CSV: ${caption}`}
          onClick={() =>
            downloadCsv(
              filename,
              csvHeader ?? columns.filter((column) => column.csv !== false).map((column) => column.label),
              rows.map((row) => row.csv),
            )
          }
        >
          Download CSV
        </Button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className={styles.scroll} tabIndex={0} aria-label={caption}>
        <table className={styles.table}>
          <caption className={styles.hidden}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.label} data-numeric={column.numeric || undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-total={row.total || undefined}>
                {row.cells.map((cell, index) => (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, one per column
                    key={index}
                    data-numeric={columns[index]?.numeric || undefined}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {notes.length > 0 && (
        <ul className={styles.notes}>
          {notes.map((note) => (
            <li key={note}>
              <Text size={200}>{note}</Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
