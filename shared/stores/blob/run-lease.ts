import { createHash } from 'node:crypto';
import type { BlobLeaseClient, BlobServiceClient, BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import type { HeldLease, RunLease } from '../../licences/gateways';

const CONTAINER = 'licence-locks';

export type BlobRunLeaseOptions = {
  /** Lease duration; Azure accepts 15 to 60. A run that crashes holds the lock at most this long. */
  leaseSeconds?: number;
  /** How often a held lease is renewed; well inside the duration so one slow or failed renewal is survivable. */
  renewEveryMs?: number;
  /** Called after each renewal the service accepted. */
  onRenewed?: (partnershipId: string) => void;
  /** Called when a renewal fails; the run may no longer be alone. Defaults to a console warning. */
  onRenewalFailed?: (partnershipId: string, error: unknown) => void;
};

/**
 * The reconciler's lock, as a lease on one empty blob per partnership, so two runs never overlap even on two
 * Function instances. The lease is finite (60 s by default) and renewed while held, so a run that dies without
 * releasing it frees the partnership by itself within a minute.
 */
export class BlobRunLease implements RunLease {
  private readonly container: ContainerClient;
  private readonly leaseSeconds: number;
  private readonly renewEveryMs: number;
  private readonly onRenewed: (partnershipId: string) => void;
  private readonly onRenewalFailed: (partnershipId: string, error: unknown) => void;

  constructor(blobService: BlobServiceClient, options: BlobRunLeaseOptions = {}) {
    this.container = blobService.getContainerClient(CONTAINER);
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.renewEveryMs = options.renewEveryMs ?? 20_000;
    if (this.renewEveryMs >= this.leaseSeconds * 1000) {
      throw new Error(`Renewing every ${this.renewEveryMs} ms would let a ${this.leaseSeconds} s lease lapse`);
    }
    this.onRenewed = options.onRenewed ?? (() => {});
    this.onRenewalFailed =
      options.onRenewalFailed ??
      ((partnershipId, error) => console.warn(`Licence run lease of ${partnershipId} was not renewed`, error));
  }

  /**
   * Takes the lease under `leaseId` (the run's id). Azure lets the holder of a lease acquire it again with the
   * same id, so the run a request queued takes over the lease the request took, while any other id is refused.
   */
  async acquire(partnershipId: string, leaseId: string, options: { holdAs?: string } = {}): Promise<HeldLease | null> {
    const blob = this.container.getBlockBlobClient(`locks/${partnershipId}/licence-reconciler`);
    const lease = blob.getBlobLeaseClient(asLeaseGuid(leaseId));
    try {
      await this.take(lease, blob);
    } catch (error) {
      if (errorCode(error) === 'LeaseAlreadyPresent') return null;
      throw error;
    }
    // The client keeps the new id for renewals and the release.
    if (options.holdAs) await lease.changeLease(asLeaseGuid(options.holdAs));
    return new RenewedLease(lease, this.renewEveryMs, {
      renewed: () => this.onRenewed(partnershipId),
      failed: (error) => this.onRenewalFailed(partnershipId, error),
    });
  }

  /** Acquires the lease, creating container and blob on first use; a 404 is cheaper than checking every time. */
  private async take(lease: BlobLeaseClient, blob: BlockBlobClient): Promise<void> {
    try {
      await lease.acquireLease(this.leaseSeconds);
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
      await this.createLockBlob(blob);
      await lease.acquireLease(this.leaseSeconds);
    }
  }

  /** Two callers may create the lock at once: whoever loses the race (409, or 412 once leased) carries on. */
  private async createLockBlob(blob: BlockBlobClient): Promise<void> {
    await this.container.createIfNotExists();
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      const status = statusCode(error);
      if (status !== 409 && status !== 412) throw error;
    }
  }
}

/** A held lease, renewed on an unref'd timer so it never keeps a process alive on its own. */
class RenewedLease implements HeldLease {
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();
  private stopped = false;
  private released: Promise<void> | undefined;

  constructor(
    private readonly lease: BlobLeaseClient,
    private readonly renewEveryMs: number,
    private readonly report: { renewed: () => void; failed: (error: unknown) => void },
  ) {
    this.schedule();
  }

  /** Stops renewing and gives the lease back; a second call waits for the first. After handOver it does nothing. */
  release(): Promise<void> {
    this.released ??= this.stopped ? Promise.resolve() : this.stopAndRelease();
    return this.released;
  }

  /**
   * Stops renewing and keeps the lease: it lapses within its duration unless the run it was taken for acquires
   * it under the same id. This handle then never releases it, since the lease is no longer its own.
   */
  handOver(): void {
    this.stop();
  }

  /** A timeout chained after each renewal rather than an interval, so slow renewals never pile up. */
  private schedule(): void {
    this.timer = setTimeout(() => {
      this.renewing = this.renew();
    }, this.renewEveryMs);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    try {
      await this.lease.renewLease();
      this.report.renewed();
    } catch (error) {
      this.report.failed(error);
      // 409: the lease was broken, or lapsed and was taken; renewing again cannot bring it back.
      if (statusCode(error) === 409) return;
    }
    if (!this.stopped) this.schedule();
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async stopAndRelease(): Promise<void> {
    this.stop();
    await this.renewing;
    try {
      await this.lease.releaseLease();
    } catch (error) {
      // 409: no longer ours (lapsed and taken, or broken); there is nothing left to give back.
      if (statusCode(error) !== 409) throw error;
    }
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Azure takes only GUIDs as lease ids: a run id that is one is used as it is, any other is hashed into one. */
export function asLeaseGuid(leaseId: string): string {
  if (GUID.test(leaseId)) return leaseId.toLowerCase();
  const hex = createHash('sha256').update(leaseId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const statusCode = (error: unknown) => (error as { statusCode?: number }).statusCode;
const errorCode = (error: unknown) => (error as { code?: string }).code;
