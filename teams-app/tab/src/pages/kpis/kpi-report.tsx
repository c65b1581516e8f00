import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useApi } from '../../api/api';
import { downloadCsv } from '../../components/csv-download';
import { Empty, Load } from '../../components/states';
import { formatValue, RagBadge, ragLabel, sourceLabel, trendText } from './kpi-format';
import type { KpiEntry, KpiReport } from './kpi-types';

const useStyles = makeStyles({
  report: { display: 'flex', flexDirection: 'column', gap: '16px' },
  heading: { margin: 0, fontSize: '1.25rem' },
  group: { margin: '8px 0 0', fontSize: '1.1rem' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
  wrap: { overflowX: 'auto' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    tableLayout: 'fixed',
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: '6px 8px',
      border: `1px solid ${tokens.colorNeutralStroke2}`,
    },
    '& thead th': { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
    '& tr': { breakInside: 'avoid' },
  },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '4px 0 6px', fontSize: '1rem' },
  commentary: { whiteSpace: 'pre-line' },
});

/** Printing the report leaves out the tab's navigation and every control; tables stay whole where they can. */
const PRINT_CSS = `
header, nav, button, select, label, [data-no-print] { display: none !important; }
html, body, .fui-FluentProvider { background: #fff !important; color: #000 !important; }
table { page-break-inside: auto; }
tr, caption { break-inside: avoid; page-break-inside: avoid; }
a { color: inherit; text-decoration: none; }
`;

const day = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

const GROUP_TITLES = { service: 'Service KPIs', further: 'Further measures' } as const;

/** The quarterly performance report to the Shared Services Board: a table per KPI, printable from the browser. */
export function KpiReportView({ year, quarter }: { year: string; quarter: number }) {
  const report = useApi<KpiReport>(`kpis/report?year=${encodeURIComponent(year)}&quarter=${quarter}`);
  return (
    <Load from={report} label="the quarterly report">
      {(data) => <ReportBody report={data} />}
    </Load>
  );
}

function ReportBody({ report }: { report: KpiReport }) {
  const styles = useStyles();
  const exportCsv = () =>
    downloadCsv(
      `kpi-report-${report.year}-q${report.quarter}.csv`,
      ['KPI', 'Measure', 'Title', 'Target', 'Value', 'Source', 'RAG', 'Trend', 'Commentary'],
      report.sections.flatMap((section) =>
        section.measures.map((m) => [
          section.code,
          m.code,
          m.title,
          m.target?.printed ?? null,
          m.value,
          sourceLabel(m),
          ragLabel(m.rag),
          trendText(m),
          m.commentary,
        ]),
      ),
    );
  const any = report.sections.some((section) => section.measures.some((m) => m.value !== null));
  return (
    <article className={styles.report} aria-labelledby="kpi-report-title">
      <style media="print">{PRINT_CSS}</style>
      <h2 id="kpi-report-title" className={styles.heading}>
        {report.title}
      </h2>
      <Text className={styles.muted}>
        {report.label}: {day(report.firstDay)} to {day(report.lastDay)}, all councils combined. Produced{' '}
        {new Date(report.generatedAt).toLocaleString('en-GB', { timeZone: 'Europe/London' })}.
      </Text>
      <div className={styles.actions} data-no-print>
        <Button appearance="primary" onClick={() => window.print()}>
          Print or save as PDF
        </Button>
        <Button onClick={exportCsv}>Download CSV</Button>
      </div>
      {!any && <Empty>No KPI figures for {report.label}: the report shows targets only.</Empty>}
      {(['service', 'further'] as const).map((group) => {
        const sections = report.sections.filter((section) => section.group === group);
        if (sections.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`kpi-report-${group}`}>
            <h3 id={`kpi-report-${group}`} className={styles.group}>
              {GROUP_TITLES[group]}
            </h3>
            {sections.map((section) => (
              <div key={section.code} className={styles.wrap}>
                <table className={styles.table}>
                  <caption className={styles.caption}>
                    {section.code} ({ragLabel(section.rag)}) {section.title}
                  </caption>
                  <colgroup>
                    <col style={{ width: '19%' }} />
                    <col style={{ width: '8%' }} />
                    <col style={{ width: '12%' }} />
                    <col style={{ width: '9%' }} />
                    <col style={{ width: '17%' }} />
                    <col style={{ width: '35%' }} />
                  </colgroup>
                  <thead>
                    <tr>
                      <th scope="col">Measure</th>
                      <th scope="col">Target</th>
                      <th scope="col">Value</th>
                      <th scope="col">RAG</th>
                      <th scope="col">Trend</th>
                      <th scope="col">Commentary</th>
                    </tr>
                  </thead>
                  <tbody>
                    {section.measures.map((measure) => (
                      <ReportRow key={measure.kpiId} measure={measure} />
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </section>
        );
      })}
    </article>
  );
}

function ReportRow({ measure }: { measure: KpiEntry }) {
  const styles = useStyles();
  return (
    <tr>
      <th scope="row">
        {measure.code} {measure.title}
      </th>
      <td>{measure.target?.printed ?? 'None'}</td>
      <td>
        {formatValue(measure.value, measure.unit)}
        {measure.value !== null && <Text size={200}> ({sourceLabel(measure)})</Text>}
      </td>
      <td>
        <RagBadge rag={measure.rag} />
      </td>
      <td>{trendText(measure)}</td>
      <td className={styles.commentary}>{measure.commentary || '—'}</td>
    </tr>
  );
}
