import { Empty } from '../../components/states';
import { useMe } from '../../me';
import { BarChart, type BarGroup } from './bar-chart';
import { DataTable, type Row, Section } from './data-table';
import { formatGbp, yearLabel } from './format';
import type { PlanTable, PlanYear } from './types';

const cell = (value: number | null | undefined, unit: 'gbp' | 'percent') =>
  value == null ? '' : unit === 'percent' ? `${value}%` : formatGbp(value);

/** One of the plan's tables, cell for cell as printed; totals in bold and named "total" in their label. */
export function PlanTableView({ table, filename }: { table: PlanTable; filename: string }) {
  const rows: Row[] = table.rows.map((row) => {
    const unit = row.unit ?? table.unit;
    return {
      key: row.key,
      total: row.isTotal,
      cells: [row.label, ...table.columns.map((column) => cell(row.values[column.key], unit))],
      csv: [row.label, ...table.columns.map((column) => row.values[column.key] ?? null)],
    };
  });
  return (
    <DataTable
      caption={`${table.title}${table.unit === 'gbp' ? ' (£)' : ''}`}
      columns={[{ label: 'Row' }, ...table.columns.map((column) => ({ label: column.label, numeric: true }))]}
      rows={rows}
      filename={filename}
      empty={`${table.title}: no rows.`}
      notes={table.notes}
    />
  );
}

/** Budget, cost and savings per council for the chosen year, as a chart and as the plan's tables. */
export function FinanceSection({ plan }: { plan: PlanYear }) {
  const me = useMe();
  const nameOf = (code: string | undefined, fallback: string) =>
    me.partnership.partners.find((partner) => partner.code === code)?.name ?? fallback;
  const groups: BarGroup[] = (plan.costByPartner?.rows ?? [])
    .filter((row) => row.partnerCode && !row.isTotal)
    .map((row) => {
      const saving = plan.savingsByPartner?.rows.find((s) => s.partnerCode === row.partnerCode);
      const bars = [{ series: 'Cost', value: row.values[plan.year] ?? 0, text: formatGbp(row.values[plan.year]) }];
      if (saving) {
        bars.push({
          series: 'Savings',
          value: saving.values[plan.year] ?? 0,
          text: formatGbp(saving.values[plan.year]),
        });
      }
      return { label: nameOf(row.partnerCode, row.label), bars };
    })
    .filter((group) => group.bars.some((bar) => bar.text !== ''));
  const tables = (['budget', 'costByPartner', 'savingsByPartner', 'forecastOutturn', 'digitalFunding'] as const).filter(
    (key) => plan[key],
  );
  return (
    <Section id="plan-finance" title="Budget, cost and savings per council">
      {groups.length > 0 ? (
        <BarChart
          title={`Cost of the shared service and savings per council, ${yearLabel(plan.year)}`}
          groups={groups}
        />
      ) : null}
      {tables.length === 0 && <Empty>The plan for {yearLabel(plan.year)} has no budget or cost tables.</Empty>}
      {tables.map((key) => (
        <PlanTableView key={key} table={plan[key] as PlanTable} filename={`plan-${plan.year}-${key}.csv`} />
      ))}
    </Section>
  );
}
