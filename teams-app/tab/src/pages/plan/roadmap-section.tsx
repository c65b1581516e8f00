import { makeStyles, Text } from '@fluentui/react-components';
import { Empty } from '../../components/states';
import { useMe } from '../../me';
import { DataTable, type Row, Section } from './data-table';
import { formatGbp, yearLabel } from './format';
import type { PlanYear } from './types';

const useStyles = makeStyles({
  priorities: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '6px' },
  detail: { whiteSpace: 'pre-line' },
});

/** The councils' roadmap activities with capital and revenue cost per year, and the current priorities. */
export function RoadmapSection({ plan }: { plan: PlanYear }) {
  const styles = useStyles();
  const me = useMe();
  const years = [...new Set(plan.roadmap.flatMap((activity) => activity.costs.map((cost) => cost.year)))].sort();
  const shortName = (code: string) => me.partnership.partners.find((p) => p.code === code)?.shortName ?? code;
  const rows: Row[] = plan.roadmap.map((activity, index) => {
    const costs = years.flatMap((year) => {
      const cost = activity.costs.find((c) => c.year === year);
      return [cost?.capex ?? null, cost?.opex ?? null];
    });
    return {
      key: `${activity.partnerCode}-${index}`,
      cells: [shortName(activity.partnerCode), activity.activity, ...costs.map((value) => formatGbp(value))],
      csv: [activity.partnerCode, activity.activity, ...costs],
    };
  });
  return (
    <Section id="plan-roadmap" title="Roadmap and priorities">
      <DataTable
        caption={`Roadmap activities per council, capital and revenue cost per year (£), plan ${yearLabel(plan.year)}`}
        columns={[
          { label: 'Council' },
          { label: 'Activity' },
          ...years.flatMap((year) => [
            { label: `${yearLabel(year)} capital`, numeric: true },
            { label: `${yearLabel(year)} revenue`, numeric: true },
          ]),
        ]}
        rows={rows}
        filename={`plan-${plan.year}-roadmap.csv`}
        empty="The plan has no roadmap activities."
      />
      <Text as="h3" weight="semibold" size={400}>
        Current priorities
      </Text>
      {plan.priorities.length === 0 ? (
        <Empty>The plan lists no priorities.</Empty>
      ) : (
        <ol className={styles.priorities}>
          {[...plan.priorities]
            .sort((a, b) => a.rank - b.rank)
            .map((priority) => (
              <li key={priority.rank}>
                <details>
                  <summary>{priority.title}</summary>
                  <Text as="p" className={styles.detail}>
                    {priority.detail}
                  </Text>
                </details>
              </li>
            ))}
        </ol>
      )}
    </Section>
  );
}
