import { useState } from 'react';
import { Empty, Load } from '../../components/states';
import { useMe } from '../../me';
import { DataTable, Section } from './data-table';
import { Choice, FilterBar, TextField } from './filters';
import { useAllPages } from './paged';
import type { Application, PlanYear } from './types';

const SUPPORT: Record<NonNullable<Application['supportStatus']>, string> = {
  'in-support': 'In support',
  deprecated: 'Deprecated',
  'out-of-support': 'Out of support',
};

/** Appendix B: the councils' strategic applications with their support status, filtered by council and text. */
export function ApplicationsSection({ plan }: { plan: PlanYear | null }) {
  const me = useMe();
  const applications = useAllPages<Application>('applications');
  const [council, setCouncil] = useState('');
  const [text, setText] = useState('');
  const lowValue = (plan?.lowValueApplications ?? []).filter((line) => !council || line.partnerCode === council);
  return (
    <Section id="plan-applications" title="Application risk matrix">
      <Load from={applications} label="the application risk matrix">
        {(items) => {
          const needle = text.trim().toLowerCase();
          const shown = items.filter(
            (app) =>
              (!council || app.partnerCodes.includes(council)) &&
              (!needle ||
                [app.name, app.supplier, app.serviceArea, app.statusNote ?? ''].some((field) =>
                  field.toLowerCase().includes(needle),
                )),
          );
          return (
            <>
              <FilterBar>
                <Choice
                  label="Council"
                  value={council}
                  onChange={setCouncil}
                  options={[
                    { value: '', text: 'All councils' },
                    ...me.partnership.partners.map((p) => ({ value: p.code, text: p.name })),
                  ]}
                />
                <TextField
                  label="Search applications"
                  type="search"
                  value={text}
                  onChange={setText}
                  placeholder="Name, supplier or service area"
                />
              </FilterBar>
              <DataTable
                caption={`Application risk matrix: ${shown.length} of ${items.length} applications`}
                columns={[
                  { label: 'Council' },
                  { label: 'Service area' },
                  { label: 'Application' },
                  { label: 'Supplier' },
                  { label: 'Support status' },
                  { label: 'Status note' },
                ]}
                rows={shown.map((app) => {
                  const support = app.supportStatus ? SUPPORT[app.supportStatus] : 'Not recorded';
                  return {
                    key: app.id,
                    cells: [app.councilLabel, app.serviceArea, app.name, app.supplier, support, app.statusNote ?? ''],
                    csv: [app.councilLabel, app.serviceArea, app.name, app.supplier, support, app.statusNote],
                  };
                })}
                filename="application-risk-matrix.csv"
                empty={items.length === 0 ? 'The matrix has no applications.' : 'No application matches the filter.'}
              />
              {lowValue.length > 0 ? (
                <ul>
                  {lowValue.map((line) => (
                    <li key={line.partnerCode}>{line.text}</li>
                  ))}
                </ul>
              ) : (
                plan === null && <Empty>Low-value applications are listed with a year's plan.</Empty>
              )}
            </>
          );
        }}
      </Load>
    </Section>
  );
}
