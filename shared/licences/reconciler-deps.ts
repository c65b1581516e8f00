import type { TenantConnection } from '../schemas/licences';
import type { Stored } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import type { LicenceFiles, RunLease, RunQueue, SeatDirectory } from './gateways';
import type { LicenceRun } from './licence-run';

/** What the reconciler's use-cases are handed: stores and gateways, chosen by the runtime factory. */
export type ReconcilerDeps = {
  stores: Pick<
    Stores,
    | 'licenceRuns'
    | 'licenceFindings'
    | 'licenceDecisions'
    | 'licenceExclusions'
    | 'licencePrices'
    | 'licenceSettings'
    | 'hrFeed'
  >;
  files: LicenceFiles;
  lease: RunLease;
  queue: RunQueue;
  directoryFor(connection: TenantConnection): SeatDirectory;
  now(): Date;
  log(message: string): void;
  /**
   * After a scheduled run's report is mailed: posts its summary card to the licence administrators in Teams. The
   * function layer passes it in when a bot is configured (the use-case never sees the bot SDK).
   */
  postReportCards?(run: Stored<LicenceRun>): Promise<void>;
  /** Development also lets connections reach the local simulators; production only Microsoft's clouds. */
  environment: 'development' | 'production';
};
