import { useApi } from '../../api/api';
import { Load } from '../../components/states';
import { useMe } from '../../me';
import { BarChart } from './bar-chart';
import { DataTable, type Row, Section } from './data-table';
import { formatGbp, yearLabel } from './format';
import type { BidsOfYear } from './types';

const STATUS: Record<string, string> = {
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  'moved-to-revenue': 'Moved to revenue',
};

/** The capital bids of the year, each council's share, and the totals per council. */
export function BidsSection({ year }: { year: string }) {
  const me = useMe();
  const bids = useApi<BidsOfYear>(`bids?year=${encodeURIComponent(year)}`);
  const partners = me.partnership.partners;
  return (
    <Section id="plan-bids" title={`Capital bids ${yearLabel(year)}`}>
      <Load from={bids} label="the capital bids">
        {(data) => {
          const share = (bid: BidsOfYear['bids'][number], code: string) =>
            bid.shares.find((s) => s.partnerCode === code);
          const rows: Row[] = data.bids.map((bid) => ({
            key: bid.id,
            cells: [
              bid.title,
              ...partners.map((partner) => {
                const s = share(bid, partner.code);
                if (!s) return '';
                return s.movedToRevenue ? `${formatGbp(s.amount)} (moved to revenue)` : formatGbp(s.amount);
              }),
              formatGbp(bid.total),
              STATUS[bid.status] ?? bid.status,
            ],
            csv: [
              bid.title,
              ...partners.map((partner) => share(bid, partner.code)?.amount ?? null),
              bid.total,
              STATUS[bid.status] ?? bid.status,
            ],
          }));
          if (rows.length > 0) {
            rows.push({
              key: 'total',
              total: true,
              cells: [
                'Total',
                ...partners.map((partner) => formatGbp(data.totals.byPartner[partner.code] ?? 0)),
                formatGbp(data.totals.total),
                '',
              ],
              csv: [
                'Total',
                ...partners.map((partner) => data.totals.byPartner[partner.code] ?? 0),
                data.totals.total,
                null,
              ],
            });
          }
          return (
            <>
              {data.bids.length > 0 && (
                <BarChart
                  title={`Capital bids per council, ${yearLabel(year)}: ${formatGbp(data.totals.total)} in all`}
                  groups={partners.map((partner) => {
                    const total = data.totals.byPartner[partner.code] ?? 0;
                    const moved = data.totals.movedToRevenueByPartner[partner.code] ?? 0;
                    return {
                      label: partner.name,
                      bars: [
                        { series: 'All bids', value: total, text: formatGbp(total) },
                        { series: 'Moved to revenue', value: moved, text: formatGbp(moved) },
                      ],
                    };
                  })}
                />
              )}
              <DataTable
                caption={`Capital bids ${yearLabel(year)} by council (£)`}
                columns={[
                  { label: 'Bid' },
                  ...partners.map((partner) => ({ label: partner.shortName, numeric: true })),
                  { label: 'Total', numeric: true },
                  { label: 'Status' },
                ]}
                rows={rows}
                filename={`capital-bids-${year}.csv`}
                empty={`There are no capital bids for ${yearLabel(year)}.`}
              />
            </>
          );
        }}
      </Load>
    </Section>
  );
}
