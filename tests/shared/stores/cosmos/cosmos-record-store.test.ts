import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors';
import type { Runtime } from '../../../../shared/runtime';
import type { CatalogueService } from '../../../../shared/schemas/catalogue';
import type { Stored } from '../../../../shared/stores/record-store';
import { createIntegrationRuntime } from '../../../support/integration-runtime';

const service = (partnershipId: string, order: number): Stored<CatalogueService> => ({
  id: `svc-${order}`,
  order,
  name: `Service ${order}`,
  statusArea: null,
  partnershipId,
  sequence: order,
});

describe('CosmosRecordStore through @azure/cosmos against the Cosmos DB stand-in', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createIntegrationRuntime();
  });

  it('reads back what it created, with an ETag', async () => {
    const created = await runtime.stores.catalogue.create(service('p-read', 1));
    const read = await runtime.stores.catalogue.get('p-read', 'svc-1');
    expect(read?.record).toEqual(service('p-read', 1));
    expect(read?.etag).toBe(created.etag);
    expect(created.etag).toMatch(/^".+"$/);
    expect(await runtime.stores.catalogue.get('p-read', 'svc-missing')).toBeNull();
    expect(await runtime.stores.catalogue.get('p-other', 'svc-1')).toBeNull();
  });

  it('refuses to create a record whose id exists (409)', async () => {
    await runtime.stores.catalogue.create(service('p-dup', 1));
    await expect(runtime.stores.catalogue.create(service('p-dup', 1))).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('refuses a write carrying a stale ETag and keeps the newer content', async () => {
    const first = await runtime.stores.catalogue.create(service('p-etag', 1));
    const second = await runtime.stores.catalogue.replace({ ...first.record, name: 'Renamed once' }, first.etag);
    expect(second.etag).not.toBe(first.etag);

    const stale = runtime.stores.catalogue.replace({ ...first.record, name: 'Lost update' }, first.etag);
    await expect(stale).rejects.toBeInstanceOf(DomainError);
    await expect(stale).rejects.toMatchObject({ kind: 'precondition-failed' });
    expect((await runtime.stores.catalogue.get('p-etag', 'svc-1'))?.record.name).toBe('Renamed once');
  });

  it('pages by continuation token in sequence order and never crosses partnerships', async () => {
    const mine = Array.from({ length: 23 }, (_, i) => service('p-page', 23 - i));
    await runtime.stores.catalogue.upsertMany(mine);
    await runtime.stores.catalogue.upsertMany([service('p-page-other', 1), service('p-page-other', 2)]);

    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await runtime.stores.catalogue.list('p-page', { pageSize: 10, continuationToken: token });
      seen.push(...page.items.map((item) => item.sequence));
      expect(page.items.every((item) => item.partnershipId === 'p-page')).toBe(true);
      token = page.continuationToken ?? undefined;
      pages += 1;
    } while (token);

    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect((await runtime.stores.catalogue.listAll('p-page')).map((item) => item.record.sequence)).toEqual(seen);
  });
});
