import { Badge } from '@fluentui/react-components';
import { useState } from 'react';
import { Load } from '../../components/states';
import { DataTable, Section } from './data-table';
import { Choice, FilterBar } from './filters';
import { formatDate } from './format';
import { useAllPages } from './paged';
import type { Project } from './types';

const STATUS: Record<Project['status'], { text: string; colour: 'informative' | 'brand' | 'subtle' }> = {
  planned: { text: 'Planned', colour: 'informative' },
  'in-progress': { text: 'In progress', colour: 'brand' },
  closed: { text: 'Closed', colour: 'subtle' },
};

/** The project pipeline, filtered by status. */
export function ProjectsSection() {
  const projects = useAllPages<Project>('projects');
  const [status, setStatus] = useState('');
  return (
    <Section id="plan-projects" title="Project pipeline">
      <Load from={projects} label="the project pipeline">
        {(items) => {
          const shown = items.filter((project) => !status || project.status === status);
          return (
            <>
              <FilterBar>
                <Choice
                  label="Project status"
                  value={status}
                  onChange={setStatus}
                  options={[
                    { value: '', text: 'All statuses' },
                    ...Object.entries(STATUS).map(([value, s]) => ({ value, text: s.text })),
                  ]}
                />
              </FilterBar>
              <DataTable
                caption={`Project pipeline: ${shown.length} of ${items.length} projects`}
                columns={[
                  { label: 'Number' },
                  { label: 'Project' },
                  { label: 'Delivery date' },
                  { label: 'Status' },
                  { label: 'Comments' },
                ]}
                rows={shown.map((project) => ({
                  key: project.id,
                  cells: [
                    project.number ?? '',
                    project.name,
                    project.deliveryDate ? formatDate(project.deliveryDate) : project.deliveryDateText,
                    <Badge
                      key="status"
                      appearance="tint"
                      style={{ whiteSpace: 'nowrap' }}
                      color={STATUS[project.status].colour}
                    >
                      {STATUS[project.status].text}
                    </Badge>,
                    project.comments,
                  ],
                  csv: [
                    project.number,
                    project.name,
                    project.deliveryDate ?? project.deliveryDateText,
                    STATUS[project.status].text,
                    project.comments,
                  ],
                }))}
                filename="project-pipeline.csv"
                empty={items.length === 0 ? 'There are no projects in the pipeline.' : 'No project has this status.'}
              />
            </>
          );
        }}
      </Load>
    </Section>
  );
}
