import { Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useApi } from '../../api/api';
import { LineChart, type Series } from '../../components/line-chart';
import { Empty, Load } from '../../components/states';
import { useMe } from '../../me';
import { DataTable, Section } from '../plan/data-table';
import { formatDate, formatDateTime, formatPence } from '../plan/format';
import type { WastePoint } from './types';

/** Distinct on light, dark and high-contrast backgrounds; the legend and the table below name every line too. */
const COLOURS = ['#2886de', '#13a10e', '#b146c2', '#da3b01', '#00b7c3', '#8a8886'];

/** The annual cost of the waste each run found, per council: a line chart, and the same figures as a table. */
export function HistorySection() {
  const history = useApi<{ points: WastePoint[] }>('licences/history');
  return (
    <Section id="licences-history" title="Waste trend">
      <Load from={history} label="the waste trend">
        {({ points }) => (points.length === 0 ? <Empty>No run has succeeded yet.</Empty> : <Trend points={points} />)}
      </Load>
    </Section>
  );
}

function Trend({ points }: { points: WastePoint[] }) {
  const me = useMe();
  const codes = useMemo(() => [...new Set(points.flatMap((point) => Object.keys(point.byPartner)))].sort(), [points]);
  const showTotal = codes.length > 1;
  const labels = useMemo(() => points.map((point) => formatDate(point.finishedAt)), [points]);
  const series = useMemo<Series[]>(
    () => [
      ...codes.map((code, index) => ({
        label: me.partnership.partners.find((p) => p.code === code)?.shortName ?? code,
        values: points.map((point) => (point.byPartner[code] ?? 0) / 100),
        colour: COLOURS[index % COLOURS.length] as string,
      })),
      ...(showTotal
        ? [{ label: 'All councils', values: points.map((p) => p.annualCostPence / 100), colour: '#605e5c' }]
        : []),
    ],
    [codes, points, showTotal, me],
  );
  const last = points[points.length - 1] as WastePoint;
  const summary =
    `Annual cost of licence waste found by each of ${points.length} runs, in pounds, per council. ` +
    `Latest run, ${formatDate(last.finishedAt)}: ` +
    codes.map((code) => `${code} ${formatPence(last.byPartner[code] ?? 0)}`).join(', ') +
    (showTotal ? `; all councils ${formatPence(last.annualCostPence)}.` : '.');
  return (
    <>
      <Text as="p" block size={200}>
        Annual cost of the wasted licences each run found, in pounds a year; the table below gives the same figures.
      </Text>
      <LineChart labels={labels} series={series} summary={summary} unit="" />
      <DataTable
        caption="Annual cost of licence waste per run and council"
        columns={[
          { label: 'Run finished' },
          ...codes.map((code) => ({ label: code, numeric: true })),
          ...(showTotal ? [{ label: 'All councils', numeric: true }] : []),
        ]}
        rows={[...points].reverse().map((point) => ({
          key: point.runId,
          cells: [
            formatDateTime(point.finishedAt),
            ...codes.map((code) => formatPence(point.byPartner[code] ?? 0)),
            ...(showTotal ? [formatPence(point.annualCostPence)] : []),
          ],
          csv: [
            point.finishedAt,
            ...codes.map((code) => (point.byPartner[code] ?? 0) / 100),
            ...(showTotal ? [point.annualCostPence / 100] : []),
          ],
        }))}
        filename="licence-waste-trend.csv"
        empty="No run has succeeded yet."
      />
    </>
  );
}
