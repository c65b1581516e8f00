import type { Finding, FindingType } from './find-waste';
import type { LicensedAccount } from './licensed-account';

/** A SKU a tenant has bought, as `/subscribedSkus` reports it. */
export type TenantSku = { skuId: string; skuPartNumber: string; enabled: number; consumed: number };

/** Called as pages arrive: the users read so far in this scan, and the total when Graph counted it. */
export type ScanProgress = (usersRead: number, usersExpected: number | null) => void;

export type FullScan = {
  /** The tenant's seats: licensed members only, trimmed. */
  accounts: LicensedAccount[];
  usersRead: number;
  /** Where the next delta scan starts. */
  deltaLink: string;
  skus: TenantSku[];
};

/** A changed user: its new seat, or null when it is no longer a seat (deleted, unlicensed, now a guest). */
export type AccountChange = { id: string; account: LicensedAccount | null };

export type DeltaScan =
  | { kind: 'changes'; changes: AccountChange[]; usersRead: number; deltaLink: string; skus: TenantSku[] }
  /** Graph answered 410: the token expired and only a full scan can continue. */
  | { kind: 'expired' };

/** Lets a run stop a tenant's reading between pages, when another tenant has failed and the run is over. */
export type ReadOptions = { signal?: AbortSignal };

export type FullScanOptions = ReadOptions & {
  /**
   * Name prefixes to split the scan at: the ranges of userPrincipalName between them are read at once, each in
   * pages of 999, so a tenant takes about half the time. Best taken from the last run's seats (its median).
   */
  splitAt?: readonly string[];
};

/** One council's directory, read through Microsoft Graph with the reconciler's app registration. */
export interface SeatDirectory {
  readonly partnerCode: string;
  readonly tenantId: string;
  fullScan(onProgress: ScanProgress, options?: FullScanOptions): Promise<FullScan>;
  deltaScan(deltaLink: string, onProgress: ScanProgress, options?: ReadOptions): Promise<DeltaScan>;
  /**
   * Last successful sign-in of each licensed user (`lastSuccessfulSignInDateTime`, not the last attempt, which a
   * password spray keeps fresh), by user id (null: never). A separate pass because Graph
   * throttles sign-in activity far harder than plain reads; it paces itself and honours Retry-After.
   */
  readSignIns(onProgress: ScanProgress, options?: ReadOptions): Promise<Map<string, string | null>>;
  /** Sends mail from a mailbox of this tenant. */
  sendMail(from: string, mail: OutgoingMail): Promise<void>;
}

export type OutgoingMail = {
  to: string[];
  subject: string;
  html: string;
  attachments?: { name: string; contentType: string; content: string }[];
};

/** Findings of runs, kept per run so a failed run never disturbs the report of the last good one. */
export interface FindingStore {
  saveAll(partnershipId: string, runId: string, findings: readonly Finding[]): Promise<void>;
  /** A run's findings, optionally only those involving one council and of one type. */
  list(partnershipId: string, runId: string, filter?: { partnerCode?: string; type?: FindingType }): Promise<Finding[]>;
}

/** Blobs a run writes: reports (CSV) and seat snapshots. Never reachable by a public URL. */
export interface LicenceFiles {
  writeReport(name: string, csv: string): Promise<void>;
  readReport(name: string): Promise<string | null>;
  writeSnapshot(name: string, accounts: readonly LicensedAccount[]): Promise<void>;
  readSnapshot(name: string): Promise<LicensedAccount[] | null>;
}

/** Held for the whole of a run, so two runs of one partnership never overlap, even on two instances. */
export interface RunLease {
  /**
   * Null when another run holds it. The lease id is the run's id: acquiring again with the same id succeeds,
   * so the queued run takes over the lease its request took. `holdAs` then moves it to a new id (one attempt's),
   * so a second delivery of the same run is refused while the first attempt works.
   */
  acquire(partnershipId: string, leaseId: string, options?: { holdAs?: string }): Promise<HeldLease | null>;
}

export interface HeldLease {
  release(): Promise<void>;
  /** Stops renewing without releasing: the lease lapses by itself unless the run it was taken for takes it over. */
  handOver(): void;
}

/** A run waiting for a worker: reconciliations run off the request, so the caller can watch their progress. */
export type RunRequest = { partnershipId: string; runId: string };

export interface RunQueue {
  enqueue(request: RunRequest): Promise<void>;
}
