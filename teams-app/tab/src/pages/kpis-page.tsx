import { Button, Label, makeStyles, Select, tokens, useId } from '@fluentui/react-components';
import { useState } from 'react';
import { useApi } from '../api/api';
import { Empty, Load } from '../components/states';
import { useMe } from '../me';
import { KpiCard } from './kpis/kpi-card';
import { KpiReportView } from './kpis/kpi-report';
import type { KpiDashboard } from './kpis/kpi-types';

/**
 * The latest quarter with KPI figures: the demo's measurements, outage log and ticket export end with Q2 2019/20
 * (the quarter the business plan reports), so the page opens there; any other quarter can be picked.
 */
const LATEST_WITH_DATA = { year: '2019-20', quarter: 2 };
const FIRST_YEAR = 2017;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '16px' },
  controls: { display: 'flex', flexWrap: 'wrap', gap: '16px', alignItems: 'flex-end' },
  control: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: '140px' },
  views: { display: 'flex', gap: '4px' },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: '4px', fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  heading: { margin: 0, fontSize: '1.25rem' },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: '12px' },
  group: { display: 'flex', flexDirection: 'column', gap: '8px' },
  groupHeading: { margin: '4px 0 0', fontSize: '1.1rem', color: tokens.colorNeutralForeground1 },
});

/** April-March years from the first the plan covers to the current one: "2017-18" ... */
function financialYears(now = new Date()): string[] {
  const current = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  const years: string[] = [];
  for (let y = Math.max(current, Number(LATEST_WITH_DATA.year.slice(0, 4))); y >= FIRST_YEAR; y--) {
    years.push(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
  }
  return years;
}

/** KPI performance: cards per KPI for a quarter and council, or the quarterly report to the board. */
export function KpisPage() {
  const styles = useStyles();
  const me = useMe();
  const ids = { year: useId('kpi-year'), quarter: useId('kpi-quarter'), council: useId('kpi-council') };
  const [year, setYear] = useState(LATEST_WITH_DATA.year);
  const [quarter, setQuarter] = useState(LATEST_WITH_DATA.quarter);
  const [council, setCouncil] = useState('');
  const [view, setView] = useState<'cards' | 'report'>('cards');
  const partners = me.partnership.partners;
  return (
    <div className={styles.page}>
      <div className={styles.controls} data-no-print>
        <div className={styles.control}>
          <Label htmlFor={ids.year}>Year (April to March)</Label>
          <Select id={ids.year} value={year} onChange={(_, data) => setYear(data.value)}>
            {financialYears().map((y) => (
              <option key={y} value={y}>
                {y.replace('-', '/')}
              </option>
            ))}
          </Select>
        </div>
        <div className={styles.control}>
          <Label htmlFor={ids.quarter}>Quarter</Label>
          <Select id={ids.quarter} value={String(quarter)} onChange={(_, data) => setQuarter(Number(data.value))}>
            <option value="1">Q1 (April to June)</option>
            <option value="2">Q2 (July to September)</option>
            <option value="3">Q3 (October to December)</option>
            <option value="4">Q4 (January to March)</option>
          </Select>
        </div>
        <div className={styles.control}>
          <Label htmlFor={ids.council}>Council</Label>
          <Select
            id={ids.council}
            value={council}
            disabled={view === 'report'}
            aria-describedby={view === 'report' ? `${ids.council}-note` : undefined}
            onChange={(_, data) => setCouncil(data.value)}
          >
            <option value="">All councils (combined)</option>
            {partners.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </Select>
          {view === 'report' && (
            <span id={`${ids.council}-note`} hidden>
              The quarterly report is for all councils combined.
            </span>
          )}
        </div>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>View</legend>
          <div className={styles.views}>
            <Button
              aria-pressed={view === 'cards'}
              appearance={view === 'cards' ? 'primary' : 'secondary'}
              onClick={() => setView('cards')}
            >
              KPI cards
            </Button>
            <Button
              aria-pressed={view === 'report'}
              appearance={view === 'report' ? 'primary' : 'secondary'}
              onClick={() => setView('report')}
            >
              Quarterly report
            </Button>
          </div>
        </fieldset>
      </div>
      {view === 'report' ? (
        <KpiReportView year={year} quarter={quarter} />
      ) : (
        <KpiCards year={year} quarter={quarter} council={council} />
      )}
    </div>
  );
}

function KpiCards({ year, quarter, council }: { year: string; quarter: number; council: string }) {
  const styles = useStyles();
  const partners = useMe().partnership.partners;
  const path = `kpis/dashboard?year=${encodeURIComponent(year)}&quarter=${quarter}${
    council ? `&council=${encodeURIComponent(council)}` : ''
  }`;
  const dashboard = useApi<KpiDashboard>(path);
  const councilName = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  return (
    <Load from={dashboard} label="the KPIs">
      {(data) => {
        const any = data.kpis.some((kpi) => kpi.value !== null || kpi.rag !== null);
        return (
          <section className={styles.page} aria-labelledby="kpi-cards-heading">
            <h2 id="kpi-cards-heading" className={styles.heading}>
              {data.label}, {data.council ? councilName(data.council) : 'all councils combined'}
            </h2>
            {!any && (
              <Empty>
                No KPI figures for {data.label}
                {data.council ? ` for ${councilName(data.council)}` : ''}: the cards show targets only. The latest
                quarter with figures in the demo is Q2 2019/20.
              </Empty>
            )}
            {(['service', 'further'] as const).map((group) => {
              const kpis = data.kpis.filter((kpi) => kpi.group === group);
              if (kpis.length === 0) return null;
              return (
                <div key={group} className={styles.group}>
                  <h3 className={styles.groupHeading}>{group === 'service' ? 'Service KPIs' : 'Further measures'}</h3>
                  <div className={styles.cards}>
                    {kpis.map((kpi) => (
                      <KpiCard key={kpi.kpiId} entry={kpi} councilName={councilName} />
                    ))}
                  </div>
                </div>
              );
            })}
          </section>
        );
      }}
    </Load>
  );
}
