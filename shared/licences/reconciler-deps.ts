import type { TenantConnection } from '../schemas/licences';
import type { Stores } from '../stores/stores';
import type { LicenceFiles, RunLease, RunQueue, SeatDirectory } from './gateways';

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
  /** Development also lets connections reach the local simulators; production only Microsoft's clouds. */
  environment: 'development' | 'production';
};
