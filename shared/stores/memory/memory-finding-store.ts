import type { Finding, FindingType } from '../../licences/find-waste';
import type { FindingStore } from '../../licences/gateways';

/** In-memory findings per run, for unit tests of use-cases only. */
export class MemoryFindingStore implements FindingStore {
  private readonly runs = new Map<string, Finding[]>();

  async saveAll(partnershipId: string, runId: string, findings: readonly Finding[]): Promise<void> {
    this.runs.set(`${partnershipId}/${runId}`, structuredClone([...findings]));
  }

  async list(
    partnershipId: string,
    runId: string,
    filter: { partnerCode?: string; type?: FindingType } = {},
  ): Promise<Finding[]> {
    return structuredClone(this.runs.get(`${partnershipId}/${runId}`) ?? []).filter(
      (finding) =>
        (!filter.partnerCode || finding.partnerCodes.includes(filter.partnerCode)) &&
        (!filter.type || finding.type === filter.type),
    );
  }
}
