import { useMe } from '../../me';
import { DataTable } from '../plan/data-table';
import { formatGbp, yearLabel } from '../plan/format';
import type { BidTotals, PartnerAmounts } from './bid-types';

/**
 * Where the year's money stands per council: everything bid (the plan's TOTAL), the part moved to revenue, the
 * capital asked, and of that what is approved, awaiting decisions and rejected.
 */
export function TotalsTable({ totals, year }: { totals: BidTotals; year: string }) {
  const partners = useMe().partnership.partners;
  const lines: { label: string; amounts: PartnerAmounts }[] = [
    { label: 'All bids (the plan’s total)', amounts: { byPartner: totals.byPartner, total: totals.total } },
    {
      label: 'Moved to revenue',
      amounts: { byPartner: totals.movedToRevenueByPartner, total: totals.movedToRevenueTotal },
    },
    { label: 'Capital asked', amounts: totals.capital },
    { label: 'Capital approved', amounts: totals.approved },
    { label: 'Capital awaiting decisions', amounts: totals.submitted },
    { label: 'Capital rejected', amounts: totals.rejected },
  ];
  return (
    <DataTable
      caption={`Totals per council, ${yearLabel(year)} (£)`}
      filename={`capital-bid-totals-${year}.csv`}
      empty="No totals."
      columns={[
        { label: 'Amounts' },
        ...partners.map((p) => ({ label: `${p.shortName} (${p.code})`, numeric: true })),
        { label: 'Total', numeric: true },
      ]}
      rows={lines.map((line) => ({
        key: line.label,
        cells: [
          line.label,
          ...partners.map((p) => formatGbp(line.amounts.byPartner[p.code] ?? 0)),
          formatGbp(line.amounts.total),
        ],
        csv: [line.label, ...partners.map((p) => line.amounts.byPartner[p.code] ?? 0), line.amounts.total],
      }))}
    />
  );
}
