/** The API's answers the plan page reads (see `shared/schemas`); only the fields the page shows. */

export type PlanTable = {
  title: string;
  unit: 'gbp' | 'percent';
  columns: { key: string; label: string }[];
  rows: {
    key: string;
    label: string;
    partnerCode?: string;
    unit?: 'gbp' | 'percent';
    isTotal: boolean;
    values: Record<string, number | null>;
  }[];
  notes: string[];
};

export type PlanYear = {
  year: string;
  title: string;
  version: string;
  approvals: { body: string; status: string; date: string | null }[];
  budget?: PlanTable;
  costByPartner?: PlanTable;
  savingsByPartner?: PlanTable;
  forecastOutturn?: PlanTable;
  digitalFunding?: PlanTable;
  roadmap: {
    partnerCode: string;
    activity: string;
    costs: { year: string; capex: number | null; opex: number | null }[];
  }[];
  priorities: { rank: number; title: string; detail: string }[];
  lowValueApplications: { partnerCode: string; text: string }[];
};

export type Project = {
  id: string;
  number: string | null;
  name: string;
  deliveryDate: string | null;
  deliveryDateText: string;
  status: 'planned' | 'in-progress' | 'closed';
  comments: string;
};

export type BidsOfYear = {
  year: string;
  bids: {
    id: string;
    title: string;
    shares: { partnerCode: string; amount: number; movedToRevenue: boolean; note?: string }[];
    total: number;
    status: string;
  }[];
  totals: { byPartner: Record<string, number>; total: number; movedToRevenueByPartner: Record<string, number> };
};

export type Application = {
  id: string;
  partnerCodes: string[];
  councilLabel: string;
  serviceArea: string;
  name: string;
  supplier: string;
  supportStatus: 'in-support' | 'deprecated' | 'out-of-support' | null;
  statusNote: string | null;
};

export type CatalogueService = { id: string; order: number; name: string; statusArea: string | null };
