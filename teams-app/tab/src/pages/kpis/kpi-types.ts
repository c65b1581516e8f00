/** What the KPI API answers (`shared/kpis/kpi-dashboard.ts`), as the tab reads it. */

export type Rag = 'red' | 'amber' | 'green';
export type MeasurementSource = 'reported' | 'computed' | 'imported';
export type KpiUnit = 'percent' | 'gbp' | 'text';

export type TrendPoint = {
  year: string;
  quarter: number | null;
  value: number | null;
  source: MeasurementSource | null;
  rag: Rag | null;
};

export type KpiTarget = { value: number | null; text: string | null; printed: string } | null;

export type KpiEntry = {
  kpiId: string;
  code: string;
  title: string;
  group: 'service' | 'further';
  parentCode: string | null;
  frequency: 'quarterly' | 'annual' | 'bi-annual';
  unit: KpiUnit;
  direction: 'higher-is-better' | 'lower-is-better';
  target: KpiTarget;
  amberTolerance: number | null;
  period: { year: string; quarter: number | null };
  scope: string;
  value: number | null;
  source: MeasurementSource | null;
  rag: Rag | null;
  reported: {
    id: string;
    value: number | null;
    rag: Rag | null;
    source: MeasurementSource;
    commentary: string;
  } | null;
  computed: { value: number | null; detail: { kind: 'availability' | 'service-desk' | 'project-delivery' } } | null;
  trend: TrendPoint[];
  commentary: string;
  notes: string[];
};

export type KpiDashboard = {
  year: string;
  quarter: number;
  /** "Q2 2019/20" */
  label: string;
  firstDay: string;
  lastDay: string;
  council: string | null;
  councils: { code: string; name: string }[];
  sharedServiceName: string;
  generatedAt: string;
  kpis: KpiEntry[];
};

export type KpiReport = Omit<KpiDashboard, 'kpis'> & {
  title: string;
  sections: { code: string; title: string; group: 'service' | 'further'; rag: Rag | null; measures: KpiEntry[] }[];
};
