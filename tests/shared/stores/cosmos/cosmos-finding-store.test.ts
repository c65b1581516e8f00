import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingType } from '../../../../shared/licences/find-waste';
import type { Runtime } from '../../../../shared/runtime';
import { createIntegrationRuntime } from '../../../support/integration-runtime';

const account = (tenantId: string, partnerCode: string, id: string) => ({
  tenantId,
  partnerCode,
  id,
  userPrincipalName: `${id}@${partnerCode.toLowerCase()}.example`,
  displayName: `Person ${id}`,
  skuPartNumbers: ['SPE_E3'],
});

const finding = (type: FindingType, partnerCodes: string[], key: string): Finding => {
  const accounts = partnerCodes.map((code) => account(`tenant-${code}`, code, `${key}-${code}`));
  return {
    id: `${type}:${accounts.map((a) => `${a.tenantId}/${a.id}`).join('+')}`,
    type,
    partnerCodes,
    accounts,
    skuPartNumbers: ['SPE_E3'],
    annualCostPence: 32760 * partnerCodes.length,
    costByPartner: Object.fromEntries(partnerCodes.map((code) => [code, 32760])),
    confidence: type === 'duplicate-seat' ? 'high' : null,
    reasons: [`reason for ${key}`],
    recommendedAction: 'Remove the licence',
  };
};

const findings: Finding[] = [
  finding('duplicate-seat', ['CAM', 'HDC'], 'ann'),
  finding('leaver-licensed', ['CAM'], 'bob'),
  finding('disabled-licensed', ['HDC'], 'cat'),
  finding('duplicate-seat', ['SCDC', 'CAM'], 'dan'),
  finding('inactive-licensed', ['SCDC'], 'eve'),
  finding('leaver-licensed', ['HDC'], 'fay'),
];

describe('CosmosFindingStore through @azure/cosmos against the Cosmos DB stand-in', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createIntegrationRuntime();
    await runtime.stores.licenceFindings.saveAll('p-3c', 'run-1', findings);
    await runtime.stores.licenceFindings.saveAll('p-3c', 'run-2', [finding('leaver-licensed', ['CAM'], 'zed')]);
    await runtime.stores.licenceFindings.saveAll('p-other', 'run-1', [finding('leaver-licensed', ['CAM'], 'yan')]);
  });

  it('lists a run in the order saved, with the original ids holding / and +', async () => {
    const listed = await runtime.stores.licenceFindings.list('p-3c', 'run-1');
    expect(listed).toEqual(findings);
    expect(listed[0]?.id).toBe('duplicate-seat:tenant-CAM/ann-CAM+tenant-HDC/ann-HDC');
  });

  it('filters by council, cross-council findings included', async () => {
    const cam = await runtime.stores.licenceFindings.list('p-3c', 'run-1', { partnerCode: 'CAM' });
    expect(cam).toEqual([findings[0], findings[1], findings[3]]);
    const hdc = await runtime.stores.licenceFindings.list('p-3c', 'run-1', { partnerCode: 'HDC' });
    expect(hdc).toEqual([findings[0], findings[2], findings[5]]);
    expect(await runtime.stores.licenceFindings.list('p-3c', 'run-1', { partnerCode: 'ECDC' })).toEqual([]);
  });

  it('filters by type, alone or with a council', async () => {
    const leavers = await runtime.stores.licenceFindings.list('p-3c', 'run-1', { type: 'leaver-licensed' });
    expect(leavers).toEqual([findings[1], findings[5]]);
    const hdcDuplicates = await runtime.stores.licenceFindings.list('p-3c', 'run-1', {
      partnerCode: 'HDC',
      type: 'duplicate-seat',
    });
    expect(hdcDuplicates).toEqual([findings[0]]);
  });

  it('never returns findings of another run or another partnership', async () => {
    expect(await runtime.stores.licenceFindings.list('p-3c', 'run-2')).toEqual([
      finding('leaver-licensed', ['CAM'], 'zed'),
    ]);
    expect(await runtime.stores.licenceFindings.list('p-other', 'run-1')).toEqual([
      finding('leaver-licensed', ['CAM'], 'yan'),
    ]);
    expect(await runtime.stores.licenceFindings.list('p-3c', 'run-missing')).toEqual([]);
  });

  it('saving a run again replaces its findings rather than duplicating them', async () => {
    await runtime.stores.licenceFindings.saveAll('p-3c', 'run-3', findings.slice(0, 2));
    await runtime.stores.licenceFindings.saveAll('p-3c', 'run-3', findings.slice(0, 2));
    expect(await runtime.stores.licenceFindings.list('p-3c', 'run-3')).toEqual(findings.slice(0, 2));
  });

  it('saving a run again with fewer findings removes the ones no longer found, in that run only', async () => {
    await runtime.stores.licenceFindings.saveAll('p-3c', 'run-4', findings);
    await runtime.stores.licenceFindings.saveAll('p-3c', 'run-4', findings.slice(1, 2));
    expect(await runtime.stores.licenceFindings.list('p-3c', 'run-4')).toEqual(findings.slice(1, 2));
    expect(await runtime.stores.licenceFindings.list('p-3c', 'run-1')).toEqual(findings);
  });
});
