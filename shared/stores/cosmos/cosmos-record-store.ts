import type { Container, ItemDefinition } from '@azure/cosmos';
import { DomainError, staleWrite } from '../../errors';
import type { Page, PageRequest, RecordStore, Stored, Versioned } from '../record-store';

const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_attachments', '_ts'] as const;
const UPSERT_CONCURRENCY = 8;

/** Cosmos DB implementation of a record store: one container, partition key `/partnershipId`. */
export class CosmosRecordStore<T extends { id: string }> implements RecordStore<T> {
  /**
   * Cosmos DB returns quoted ETags, as HTTP wants them; the local stand-in returns them bare. ETags leave this
   * store quoted either way and go back to the server in the form it uses.
   */
  private serverQuotesEtags = true;

  constructor(private readonly container: Container) {}

  async get(partnershipId: string, id: string): Promise<Versioned<T> | null> {
    const response = await this.container.item(id, partnershipId).read<ItemDefinition>();
    if (!response.resource) return null;
    return this.versioned(response.resource);
  }

  async list(partnershipId: string, page: PageRequest): Promise<Page<Stored<T>>> {
    const response = await this.container.items
      .query<ItemDefinition>(this.byPartnership(partnershipId, page.newestFirst), {
        partitionKey: partnershipId,
        maxItemCount: page.pageSize,
        continuationToken: page.continuationToken,
      })
      .fetchNext();
    return {
      items: response.resources.map((doc) => stripSystemProperties<T>(doc)),
      continuationToken: response.continuationToken ?? null,
    };
  }

  async listAll(partnershipId: string): Promise<Versioned<T>[]> {
    const { resources } = await this.container.items
      .query<ItemDefinition>(this.byPartnership(partnershipId), { partitionKey: partnershipId })
      .fetchAll();
    return resources.map((doc) => this.versioned(doc));
  }

  async create(record: Stored<T>): Promise<Versioned<T>> {
    try {
      const { resource } = await this.container.items.create<ItemDefinition>(record);
      return this.versioned(required(resource));
    } catch (error) {
      if (statusOf(error) === 409) throw new DomainError('conflict', `A record with id ${record.id} exists.`);
      throw error;
    }
  }

  async replace(record: Stored<T>, etag: string): Promise<Versioned<T>> {
    try {
      const { resource } = await this.container
        .item(record.id, record.partnershipId)
        .replace<ItemDefinition>(record, { accessCondition: { type: 'IfMatch', condition: this.toServerEtag(etag) } });
      return this.versioned(required(resource));
    } catch (error) {
      if (statusOf(error) === 412) throw staleWrite();
      if (statusOf(error) === 404) throw new DomainError('not-found', `No record with id ${record.id}.`);
      throw error;
    }
  }

  async upsertMany(records: Stored<T>[]): Promise<Versioned<T>[]> {
    const written = new Map<string, Versioned<T>>();
    const queue = [...records];
    const worker = async () => {
      for (let record = queue.shift(); record; record = queue.shift()) {
        const { resource } = await this.container.items.upsert<ItemDefinition>(record);
        written.set(record.id, this.versioned(required(resource)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(UPSERT_CONCURRENCY, records.length) }, worker));
    return records.map((record) => written.get(record.id) as Versioned<T>);
  }

  private byPartnership(partnershipId: string, newestFirst = false) {
    return {
      query: `SELECT * FROM c WHERE c.partnershipId = @partnershipId ORDER BY c.sequence ${newestFirst ? 'DESC' : 'ASC'}`,
      parameters: [{ name: '@partnershipId', value: partnershipId }],
    };
  }

  private versioned(doc: ItemDefinition): Versioned<T> {
    const etag = String(doc._etag);
    if (!etag.startsWith('"')) this.serverQuotesEtags = false;
    return { record: stripSystemProperties<T>(doc), etag: etag.startsWith('"') ? etag : `"${etag}"` };
  }

  private toServerEtag(etag: string): string {
    return this.serverQuotesEtags ? etag : etag.replace(/^"(.*)"$/, '$1');
  }
}

function stripSystemProperties<T>(doc: ItemDefinition): Stored<T> {
  const copy: Record<string, unknown> = { ...doc };
  for (const key of SYSTEM_PROPERTIES) delete copy[key];
  return copy as Stored<T>;
}

function required<V>(value: V | undefined): V {
  if (value === undefined) throw new Error('Cosmos DB returned no resource for a successful write');
  return value;
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? Number(error.code) : undefined;
}
