import { createHash } from 'node:crypto';
import type { Container, SqlParameter } from '@azure/cosmos';
import type { Finding, FindingType } from '../../licences/find-waste';
import type { FindingStore } from '../../licences/gateways';

const WRITE_CONCURRENCY = 8;

/**
 * Findings in Cosmos DB, one document per finding tagged with its run. A finding's own id holds `/`, which Cosmos
 * ids may not, so the document id is a hash of run and finding.
 */
export class CosmosFindingStore implements FindingStore {
  constructor(private readonly container: Container) {}

  async saveAll(partnershipId: string, runId: string, findings: readonly Finding[]): Promise<void> {
    const queue = findings.map((finding, sequence) => ({
      ...finding,
      findingId: finding.id,
      id: createHash('sha256').update(`${runId}\n${finding.id}`).digest('hex').slice(0, 40),
      partnershipId,
      runId,
      sequence,
    }));
    // A run started again after its worker died may find fewer: what the first attempt wrote and this one did not
    // find must go, or the report would keep it.
    const keep = new Set(queue.map((doc) => doc.id));
    const { resources: earlier } = await this.container.items
      .query<{ id: string }>(
        {
          query: 'SELECT c.id FROM c WHERE c.partnershipId = @partnershipId AND c.runId = @runId',
          parameters: [
            { name: '@partnershipId', value: partnershipId },
            { name: '@runId', value: runId },
          ],
        },
        { partitionKey: partnershipId },
      )
      .fetchAll();
    const stale = earlier.filter((doc) => !keep.has(doc.id));
    const worker = async () => {
      for (let doc = queue.shift(); doc; doc = queue.shift()) await this.container.items.upsert(doc);
      for (let doc = stale.shift(); doc; doc = stale.shift()) {
        // Gone already (a concurrent save of the same run removed it): what matters is that it is gone.
        await this.container
          .item(doc.id, partnershipId)
          .delete()
          .catch((error: { code?: number }) => {
            if (error.code !== 404) throw error;
          });
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, queue.length + stale.length) }, worker));
  }

  async list(
    partnershipId: string,
    runId: string,
    filter: { partnerCode?: string; type?: FindingType } = {},
  ): Promise<Finding[]> {
    const conditions = ['c.partnershipId = @partnershipId', 'c.runId = @runId'];
    const parameters: SqlParameter[] = [
      { name: '@partnershipId', value: partnershipId },
      { name: '@runId', value: runId },
    ];
    if (filter.partnerCode) {
      conditions.push('ARRAY_CONTAINS(c.partnerCodes, @partnerCode)');
      parameters.push({ name: '@partnerCode', value: filter.partnerCode });
    }
    if (filter.type) {
      conditions.push('c.type = @type');
      parameters.push({ name: '@type', value: filter.type });
    }
    const { resources } = await this.container.items
      .query<Finding & { findingId: string }>(
        { query: `SELECT * FROM c WHERE ${conditions.join(' AND ')} ORDER BY c.sequence`, parameters },
        { partitionKey: partnershipId },
      )
      .fetchAll();
    return resources.map(({ findingId, ...doc }) => toFinding(doc, findingId));
  }
}

function toFinding(doc: Record<string, unknown>, findingId: string): Finding {
  const { partnershipId, runId, sequence, _rid, _self, _etag, _attachments, _ts, ...finding } = doc;
  return { ...(finding as Finding), id: findingId };
}
