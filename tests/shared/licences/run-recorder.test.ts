import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LicenceRun, TenantProgress } from '../../../shared/licences/licence-run';
import { RunRecorder } from '../../../shared/licences/run-recorder';
import { MemoryRecordStore } from '../../../shared/stores/memory/memory-record-store';
import type { Stored, Versioned } from '../../../shared/stores/record-store';
import { licenceRun, tenantOf } from './licence-fixtures';

const waiting = (partnerCode: string): TenantProgress => ({
  partnerCode,
  tenantId: tenantOf(partnerCode),
  scan: 'full',
  phase: 'waiting',
  usersRead: 0,
  usersExpected: null,
});

/** A memory store that records each write: the ETag it was sent with and the one it answered with. */
class RecordingRunStore extends MemoryRecordStore<LicenceRun> {
  readonly writes: { sentEtag: string; newEtag: string | null; record: Stored<LicenceRun> }[] = [];
  failNext = 0;

  override async replace(record: Stored<LicenceRun>, etag: string): Promise<Versioned<LicenceRun>> {
    const entry: (typeof this.writes)[number] = { sentEtag: etag, newEtag: null, record: structuredClone(record) };
    this.writes.push(entry);
    // Let other work interleave, as a real store's network round trip would.
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('Cosmos DB answered 503');
    }
    const saved = await super.replace(record, etag);
    entry.newEtag = saved.etag;
    return saved;
  }
}

async function started() {
  const store = new RecordingRunStore();
  const created = await store.create(
    licenceRun(22, {
      status: 'running',
      totals: null,
      tenantState: [],
      reports: null,
      progress: [waiting('CCC'), waiting('HDC')],
    }),
  );
  const log: string[] = [];
  const recorder = new RunRecorder(store, created, (line) => log.push(line));
  return { store, created, recorder, log };
}

const storedRun = async (store: RecordingRunStore, id: string) => (await store.get('p3', id))?.record;

describe('RunRecorder: progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('coalesces many progress notes within a second into one write of the latest state', async () => {
    const { store, created, recorder } = await started();
    for (let read = 1; read <= 50; read++) {
      recorder.progress(tenantOf('CCC'), { phase: 'seats', usersRead: read * 100, usersExpected: 5_000 });
    }
    recorder.progress(tenantOf('HDC'), { phase: 'sign-ins', usersRead: 7 });
    await vi.advanceTimersByTimeAsync(999);
    expect(store.writes).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(store.writes).toHaveLength(1);
    const stored = await storedRun(store, created.record.id);
    expect(stored?.progress).toEqual([
      { ...waiting('CCC'), phase: 'seats', usersRead: 5_000, usersExpected: 5_000 },
      { ...waiting('HDC'), phase: 'sign-ins', usersRead: 7 },
    ]);
    expect(recorder.current.progress).toEqual(stored?.progress);
  });

  it('writes again a second after the next progress note, not before', async () => {
    const { store, recorder, log } = await started();
    recorder.progress(tenantOf('CCC'), { phase: 'seats', usersRead: 100, usersExpected: 200 });
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.writes).toHaveLength(1);

    recorder.progress(tenantOf('CCC'), { usersRead: 200 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.writes).toHaveLength(2);
    expect(store.writes[1]?.sentEtag).toBe(store.writes[0]?.newEtag);
    expect(store.writes[1]?.record.progress[0]?.usersRead).toBe(200);
    expect(log).toContain('CCC seats 200/200, HDC waiting 0');
  });

  it('writes nothing after stop', async () => {
    const { store, recorder } = await started();
    recorder.progress(tenantOf('CCC'), { usersRead: 100 });
    recorder.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.writes).toHaveLength(0);
  });

  it('logs a progress write that fails and keeps going', async () => {
    const { store, created, recorder, log } = await started();
    store.failNext = 1;
    recorder.progress(tenantOf('CCC'), { usersRead: 100 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.some((line) => /^Progress not saved: .*503/.test(line))).toBe(true);

    recorder.progress(tenantOf('CCC'), { usersRead: 300 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await storedRun(store, created.record.id))?.progress[0]?.usersRead).toBe(300);
  });

  it('puts a progress write after a save already under way, with the save’s ETag', async () => {
    const { store, created, recorder } = await started();
    recorder.progress(tenantOf('CCC'), { usersRead: 100 });
    const saving = recorder.save({ error: null, finishedAt: null });
    await vi.advanceTimersByTimeAsync(1_000);
    await saving;
    expect(store.writes.map((w) => w.newEtag === null)).toEqual([false, false]);
    expect(store.writes[0]?.sentEtag).toBe(created.etag);
    expect(store.writes[1]?.sentEtag).toBe(store.writes[0]?.newEtag);
  });
});

describe('RunRecorder: saves', () => {
  it('writes saves in order, each with the ETag of the one before, so none is refused as stale', async () => {
    const { store, created, recorder } = await started();
    const totals: LicenceRun['totals'] = {
      findings: 1,
      annualCostPence: 39_600,
      byType: { 'duplicate-seat': { count: 1, annualCostPence: 39_600 } },
      byPartner: { CCC: { count: 1, annualCostPence: 39_600 } },
      accounts: 2,
      people: 1,
      candidateMatches: 0,
    };
    const results = await Promise.all([
      recorder.save({ inputs: { ...created.record.inputs, hrRecords: 4 } }),
      recorder.save({ totals }),
      recorder.save({ status: 'succeeded', finishedAt: '2026-11-22T02:30:00.000Z' }),
    ]);

    expect(store.writes).toHaveLength(3);
    expect(store.writes.map((w) => w.sentEtag)).toEqual([
      created.etag,
      store.writes[0]?.newEtag,
      store.writes[1]?.newEtag,
    ]);
    expect(store.writes.every((w) => w.newEtag !== null)).toBe(true);
    const stored = await storedRun(store, created.record.id);
    expect(stored).toMatchObject({
      status: 'succeeded',
      finishedAt: '2026-11-22T02:30:00.000Z',
      totals,
      inputs: { hrRecords: 4 },
    });
    expect(results[2]).toEqual(stored);
    expect(recorder.current).toEqual(stored);
  });

  it('does not let a failed write block the saves after it', async () => {
    const { store, created, recorder } = await started();
    store.failNext = 1;
    const failed = recorder.save({ error: 'first attempt' });
    const later = recorder.save({ status: 'failed', error: 'Graph answered 503' });

    await expect(failed).rejects.toThrow('503');
    await expect(later).resolves.toMatchObject({ status: 'failed', error: 'Graph answered 503' });
    expect(store.writes[1]?.sentEtag).toBe(created.etag);
    expect(await storedRun(store, created.record.id)).toMatchObject({ status: 'failed', error: 'Graph answered 503' });

    await expect(recorder.save({ finishedAt: '2026-11-22T02:31:00.000Z' })).resolves.toMatchObject({
      finishedAt: '2026-11-22T02:31:00.000Z',
    });
  });
});
