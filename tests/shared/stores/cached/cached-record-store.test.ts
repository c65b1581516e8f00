import { describe, expect, it } from 'vitest';
import { CachedRecordStore } from '../../../../shared/stores/cached/cached-record-store';
import { MemoryRecordStore } from '../../../../shared/stores/memory/memory-record-store';
import type { RecordStore, Stored } from '../../../../shared/stores/record-store';

type Note = { id: string; text: string };
const note = (id: string, text: string, partnershipId = 'p1'): Stored<Note> => ({
  id,
  text,
  partnershipId,
  sequence: Number(id.replace(/\D/g, '')) || 0,
});

/** A store that counts the reads reaching it, to see which the cache answered. */
function counted(inner: RecordStore<Note>) {
  const reads = { get: 0, listAll: 0 };
  const store: RecordStore<Note> = {
    ...inner,
    get: (p, id) => {
      reads.get += 1;
      return inner.get(p, id);
    },
    listAll: (p) => {
      reads.listAll += 1;
      return inner.listAll(p);
    },
    list: (p, page) => inner.list(p, page),
    create: (r) => inner.create(r),
    replace: (r, e) => inner.replace(r, e),
    upsertMany: (r) => inner.upsertMany(r),
  };
  return { store, reads };
}

describe('CachedRecordStore', () => {
  it('answers repeated reads from memory until the time to live passes', async () => {
    let clock = 0;
    const { store, reads } = counted(new MemoryRecordStore<Note>());
    await store.create(note('n1', 'first'));
    const cached = new CachedRecordStore(store, 5_000, () => clock);
    await cached.listAll('p1');
    await cached.listAll('p1');
    await cached.get('p1', 'n1');
    await cached.get('p1', 'n1');
    expect(reads).toEqual({ get: 1, listAll: 1 });
    clock = 5_001;
    await cached.listAll('p1');
    expect(reads.listAll).toBe(2);
  });

  it('reads its own writes at once, in the partnership written to only', async () => {
    const { store, reads } = counted(new MemoryRecordStore<Note>());
    const cached = new CachedRecordStore(store, 60_000);
    const created = await cached.create(note('n1', 'first'));
    await cached.create(note('n1', 'other partnership', 'p2'));
    expect((await cached.listAll('p1')).map(({ record }) => record.text)).toEqual(['first']);
    await cached.listAll('p2');
    await cached.replace({ ...created.record, text: 'changed' }, created.etag);
    expect((await cached.get('p1', 'n1'))?.record.text).toBe('changed');
    expect((await cached.listAll('p1')).map(({ record }) => record.text)).toEqual(['changed']);
    const p2Reads = reads.listAll;
    await cached.listAll('p2');
    expect(reads.listAll).toBe(p2Reads);
    await cached.upsertMany([note('n2', 'imported')]);
    expect(await cached.listAll('p1')).toHaveLength(2);
  });

  it('fails a write made from a stale read, and then reads afresh', async () => {
    const inner = new MemoryRecordStore<Note>();
    const cached = new CachedRecordStore(inner, 60_000);
    await inner.create(note('n1', 'first'));
    const stale = await cached.get('p1', 'n1');
    const current = await inner.get('p1', 'n1');
    // Another instance changes the record: this one still holds the old copy.
    await inner.replace({ ...(current?.record as Stored<Note>), text: 'elsewhere' }, current?.etag as string);
    expect((await cached.get('p1', 'n1'))?.record.text).toBe('first');
    await expect(
      cached.replace({ ...(stale?.record as Stored<Note>), text: 'mine' }, stale?.etag as string),
    ).rejects.toMatchObject({ kind: 'precondition-failed' });
    expect((await cached.get('p1', 'n1'))?.record.text).toBe('elsewhere');
  });

  it('hands out frozen answers, so no caller can change what the next one reads', async () => {
    const inner = new MemoryRecordStore<Note>();
    await inner.create(note('n1', 'first'));
    const cached = new CachedRecordStore(inner, 60_000);
    const [row] = await cached.listAll('p1');
    expect(() => {
      (row?.record as Note).text = 'changed';
    }).toThrow(TypeError);
    expect((await cached.listAll('p1'))[0]?.record.text).toBe('first');
  });
});
