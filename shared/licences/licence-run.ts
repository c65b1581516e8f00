import type { LicencePriceList } from '../schemas/licences';
import type { Finding, FindingAccount, FindingType } from './find-waste';

export type RunTrigger = 'schedule' | 'manual' | 'command-line';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** How far one tenant's part of a run has got, for the tab's progress bar. */
export type TenantProgress = {
  partnerCode: string;
  tenantId: string;
  scan: 'full' | 'delta';
  phase: 'waiting' | 'seats' | 'sign-ins' | 'done' | 'failed';
  /** Users read from Graph so far, and the licensed total when Graph counted it (null on a delta scan). */
  usersRead: number;
  usersExpected: number | null;
};

/** What a run leaves for the next one, per tenant: written only when the run succeeds. */
export type TenantState = {
  partnerCode: string;
  tenantId: string;
  deltaLink: string;
  /** Blob name of the trimmed accounts after this run, which a delta scan starts from. */
  snapshot: string;
  fullScanAt: string;
  signInsReadAt: string | null;
  accounts: number;
};

export type RunTotals = {
  findings: number;
  annualCostPence: number;
  byType: Partial<Record<FindingType, { count: number; annualCostPence: number }>>;
  /** Annual cost per council; a cross-tenant finding counts towards each council whose seat it would remove. */
  byPartner: Record<string, { count: number; annualCostPence: number }>;
  accounts: number;
  people: number;
  candidateMatches: number;
};

/** One reconciliation: its inputs, progress, outcome and, once it succeeded, what the next run starts from. */
export type LicenceRun = {
  id: string;
  partnershipId: string;
  /** Milliseconds since the epoch at the start: runs list newest first by it. */
  sequence: number;
  trigger: RunTrigger;
  requestedBy: { userId: string; name: string; partnerCode: string } | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  inputs: {
    tenants: { partnerCode: string; tenantId: string; graphBaseUrl: string }[];
    priceListSource: string;
    priceListEtag: string | null;
    /** The prices this run's costs rest on, as they were when it ran. */
    priceList?: LicencePriceList;
    hrRecords: number;
    exclusions: number;
    decisions: number;
    inactiveDays: number;
    forceFull: boolean;
  };
  progress: TenantProgress[];
  totals: RunTotals | null;
  tenantState: TenantState[];
  /** Blob names of the CSV reports: the whole partnership's and one per council. */
  reports: { all: string; byPartner: Record<string, string> } | null;
  /**
   * Pairs of accounts in two councils that share only a name: for an administrator to confirm (then they are one
   * person) or reject. At most MAX_CANDIDATES, most recent run's only.
   */
  candidates?: MatchCandidate[];
  /** The Adaptive Card the bot posts after the run: totals, per council, and a link to the report. */
  summaryCard: Record<string, unknown> | null;
  /** Who was sent the report after a scheduled run, per council, or why not. */
  delivery: { partnerCode: string; recipients: number; error: string | null }[];
  error: string | null;
};

export type MatchCandidate = {
  /** The pair's account keys joined by `+`, sorted: what `POST /api/licences/match-decisions` takes, split. */
  id: string;
  accountKeys: [string, string];
  partnerCodes: string[];
  accounts: FindingAccount[];
  reason: string;
};

export const MAX_CANDIDATES = 500;

/** A finding as stored: the run it belongs to beside it. */
export type StoredFinding = Finding & { runId: string };
