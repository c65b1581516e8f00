/** The licence API's answers the page reads (see `shared/licences`); only the fields it shows. */

export const FINDING_TYPES = {
  'duplicate-seat': 'Seat in two councils',
  'leaver-licensed': 'Leaver still licensed',
  'disabled-licensed': 'Disabled account licensed',
  'inactive-licensed': 'Inactive account licensed',
  'overlapping-skus': 'Overlapping licences',
  'starter-already-licensed': 'Starter already licensed',
} as const;
export type FindingType = keyof typeof FINDING_TYPES;

export type TenantProgress = {
  partnerCode: string;
  scan: 'full' | 'delta';
  phase: 'waiting' | 'seats' | 'sign-ins' | 'done' | 'failed';
  usersRead: number;
  usersExpected: number | null;
};

export type Run = {
  id: string;
  trigger: 'schedule' | 'manual' | 'command-line';
  requestedBy: { name: string; partnerCode: string } | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: TenantProgress[];
  totals: { findings: number; annualCostPence: number } | null;
  reports: { all?: string; byPartner: Record<string, string> } | null;
  error: string | null;
};

export type FindingAccount = {
  partnerCode: string;
  userPrincipalName: string;
  displayName: string;
  skuPartNumbers: string[];
};

export type Finding = {
  id: string;
  type: FindingType;
  partnerCodes: string[];
  accounts: FindingAccount[];
  skuPartNumbers: string[];
  annualCostPence: number;
  costByPartner: Record<string, number>;
  confidence: 'high' | 'medium' | null;
  reasons: string[];
  recommendedAction: string;
};

export type RunRef = { id: string; finishedAt: string | null } | null;

export type WastePoint = {
  runId: string;
  finishedAt: string;
  annualCostPence: number;
  byPartner: Record<string, number>;
};

export type MatchCandidate = {
  id: string;
  accountKeys: [string, string];
  partnerCodes: string[];
  accounts: FindingAccount[];
  reason: string;
};

export type StarterCheck = {
  partnerCode: string;
  basedOnRunId: string;
  basedOnRunFinishedAt: string | null;
  seats: (
    | {
        partnerCode: string;
        userPrincipalName: string;
        displayName: string;
        skuPartNumbers: string[];
        annualCostPence: number;
        matchedOn: 'employee-id' | 'email';
        confidence: 'high' | 'medium';
      }
    | { partnerCode: string; matchedOn: 'name'; confidence: 'possible' }
  )[];
  annualCostPence: number;
  notChecked: string[];
  advice: string;
};
