import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, useApi } from '../api/api';
import { Empty, Load } from '../components/states';
import { ApplicationsSection } from './plan/applications-section';
import { BidsSection } from './plan/bids-section';
import { CatalogueSection } from './plan/catalogue-section';
import { Section } from './plan/data-table';
import { Choice, FilterBar } from './plan/filters';
import { FinanceSection } from './plan/finance-section';
import { yearLabel } from './plan/format';
import { ProjectsSection } from './plan/projects-section';
import { RoadmapSection } from './plan/roadmap-section';
import type { PlanYear } from './plan/types';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '16px' },
  jump: { display: 'flex', gap: '4px', flexWrap: 'wrap', alignItems: 'center' },
  meta: { color: tokens.colorNeutralForeground2 },
  approvals: { margin: 0, paddingLeft: '18px' },
});

/** The plan the partnership works to now; the selector offers the years around it. */
const DEFAULT_YEAR = '2020-21';

/** Financial years from 2018-19 to next year's, newest first (April-March). */
function yearOptions(now = new Date()): string[] {
  const current = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  const years: string[] = [];
  for (let start = current + 1; start >= 2018; start--)
    years.push(`${start}-${String((start + 1) % 100).padStart(2, '0')}`);
  return years;
}

const SECTIONS = [
  { id: 'plan-finance', title: 'Budget' },
  { id: 'plan-roadmap', title: 'Roadmap' },
  { id: 'plan-projects', title: 'Projects' },
  { id: 'plan-bids', title: 'Capital bids' },
  { id: 'plan-applications', title: 'Applications' },
  { id: 'plan-catalogue', title: 'Catalogue' },
];

/** Moves to a section and its heading (the hash names the page, so in-page links would change page). */
function jumpTo(id: string) {
  const heading = document.getElementById(`${id}-heading`);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus();
}

/**
 * The business plan of a year: budget, cost and savings per council, roadmap and priorities, the project pipeline,
 * capital bids, the application risk matrix and the service catalogue.
 */
export function PlanPage() {
  const styles = useStyles();
  const [year, setYear] = useState(DEFAULT_YEAR);
  const plan = useApi<PlanYear>(`plan?year=${encodeURIComponent(year)}`);
  const missing = plan.state === 'error' && plan.error instanceof ApiError && plan.error.status === 404;
  return (
    <div className={styles.page}>
      <FilterBar>
        <Choice
          label="Plan year"
          value={year}
          onChange={setYear}
          options={yearOptions().map((y) => ({ value: y, text: yearLabel(y) }))}
        />
        <nav aria-label="Plan sections" className={styles.jump}>
          <Text size={200}>Jump to:</Text>
          {SECTIONS.map((section) => (
            <Button key={section.id} size="small" appearance="subtle" onClick={() => jumpTo(section.id)}>
              {section.title}
            </Button>
          ))}
        </nav>
      </FilterBar>
      {missing ? (
        <Section id="plan-finance" title={`Business plan ${yearLabel(year)}`}>
          <Empty>There is no business plan for {yearLabel(year)}. Choose another year.</Empty>
        </Section>
      ) : (
        <Load from={plan} label={`the business plan for ${yearLabel(year)}`}>
          {(data) => (
            <>
              <div>
                <Text as="p" block weight="semibold" size={400}>
                  {data.title}
                </Text>
                <Text as="p" block className={styles.meta}>
                  Version {data.version}
                </Text>
                {data.approvals.length > 0 && (
                  <ul className={styles.approvals} aria-label="Approvals">
                    {data.approvals.map((approval) => (
                      <li key={approval.body}>
                        {approval.body}: {approval.status}
                        {approval.date ? ` (${approval.date})` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <FinanceSection plan={data} />
              <RoadmapSection plan={data} />
            </>
          )}
        </Load>
      )}
      <ProjectsSection />
      <BidsSection year={year} />
      <ApplicationsSection plan={plan.state === 'ready' ? plan.data : null} />
      <CatalogueSection />
    </div>
  );
}
