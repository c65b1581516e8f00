import type { Stored, Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import type { LicenceRun, TenantProgress } from './licence-run';

const FLUSH_EVERY_MS = 1000;

/**
 * Keeps a run's record up to date while it works: progress is written at most once a second, every write goes in
 * order and carries the ETag of the one before, so the tab's progress bar moves without a write per page.
 */
export class RunRecorder {
  private run: Stored<LicenceRun>;
  private etag: string;
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly runs: Stores['licenceRuns'],
    current: Versioned<LicenceRun>,
    private readonly log: (message: string) => void,
  ) {
    this.run = current.record;
    this.etag = current.etag;
  }

  get current(): Stored<LicenceRun> {
    return this.run;
  }

  /** Notes a tenant's progress; it reaches the store within a second. */
  progress(tenantId: string, patch: Partial<TenantProgress>): void {
    // Once the run's outcome is being written, late progress from a tenant still winding down is not news.
    if (this.stopped) return;
    this.run = {
      ...this.run,
      progress: this.run.progress.map((p) => (p.tenantId === tenantId ? { ...p, ...patch } : p)),
    };
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.save({}).catch((error) => this.log(`Progress not saved: ${String(error)}`));
      this.log(
        this.run.progress
          .map((p) => `${p.partnerCode} ${p.phase} ${p.usersRead}${p.usersExpected ? `/${p.usersExpected}` : ''}`)
          .join(', '),
      );
    }, FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** Writes changes now, after any write already under way. */
  save(changes: Partial<LicenceRun>): Promise<Stored<LicenceRun>> {
    this.run = { ...this.run, ...changes };
    const write = this.chain.then(async () => {
      const saved = await this.runs.replace(this.run, this.etag);
      this.etag = saved.etag;
    });
    this.chain = write.catch(() => undefined);
    return write.then(() => this.run);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
