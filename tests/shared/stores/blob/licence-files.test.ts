import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, inject, it } from 'vitest';
import type { LicensedAccount } from '../../../../shared/licences/licensed-account';
import { BlobLicenceFiles } from '../../../../shared/stores/blob/licence-files';

const blobService = () => BlobServiceClient.fromConnectionString(inject('storageConnectionString'));
const runFolder = () => `3c-ict/${randomUUID()}`;

const account = (i: number): LicensedAccount => ({
  tenantId: 'tenant-a',
  partnerCode: 'CAM',
  id: `user-${i}`,
  displayName: `Person Número ${i}`,
  givenName: i % 7 === 0 ? null : 'Person',
  surname: i % 7 === 0 ? null : `Número ${i}`,
  userPrincipalName: `person.${i}@cambridge.example`,
  emails: [`person.${i}@cambridge.example`, `p${i}@alias.example`],
  employeeId: i % 3 === 0 ? null : String(100000 + i),
  onPremisesImmutableId: null,
  accountEnabled: i % 11 !== 0,
  skuIds: ['05e9a617-0261-4cee-bb44-138d3ef5d965', ...(i % 5 === 0 ? ['c7df2760-2c81-4ef7-b578-5b5392b571df'] : [])],
  employeeLeaveDateTime: i % 13 === 0 ? '2026-03-31T00:00:00Z' : null,
  ...(i % 2 === 0 ? { lastSignInDateTime: i % 4 === 0 ? null : '2026-10-01T08:15:00Z' } : {}),
});

describe('BlobLicenceFiles through @azure/storage-blob against Azurite', () => {
  it('round-trips a report, readable by another client, as CSV', async () => {
    const name = `${runFolder()}/report.csv`;
    const csv = 'type,account,annualCost\r\nduplicate-seat,"Zoë O\'Brien, CAM",£327.60\r\n';
    await new BlobLicenceFiles(blobService()).writeReport(name, csv);

    expect(await new BlobLicenceFiles(blobService()).readReport(name)).toBe(csv);
    const properties = await blobService().getContainerClient('licence-reports').getBlobClient(name).getProperties();
    expect(properties.contentType).toBe('text/csv; charset=utf-8');
  });

  it('answers null for a report or snapshot that does not exist', async () => {
    const files = new BlobLicenceFiles(blobService());
    await files.writeReport(`${runFolder()}/report.csv`, 'a\r\n');
    expect(await files.readReport(`${runFolder()}/report.csv`)).toBeNull();
    expect(await files.readSnapshot(`${runFolder()}/snapshots/tenant-a.jsonl.gz`)).toBeNull();
  });

  it('keeps reports in a container no anonymous caller can read', async () => {
    const name = `${runFolder()}/report.csv`;
    await new BlobLicenceFiles(blobService()).writeReport(name, 'secret\r\n');

    const container = blobService().getContainerClient('licence-reports');
    expect((await container.getAccessPolicy()).blobPublicAccess).toBeUndefined();
    const anonymous = await fetch(container.getBlobClient(name).url);
    expect(anonymous.ok).toBe(false);
    expect(await anonymous.text()).not.toContain('secret');
  });

  it('round-trips a snapshot of 50,000 accounts, gzip-compressed', async () => {
    const accounts = Array.from({ length: 50_000 }, (_, i) => account(i));
    const name = `${runFolder()}/snapshots/tenant-a.jsonl.gz`;
    await new BlobLicenceFiles(blobService()).writeSnapshot(name, accounts);

    const read = await new BlobLicenceFiles(blobService()).readSnapshot(name);
    expect(read).toHaveLength(50_000);
    expect(read).toEqual(accounts);

    const stored = await blobService().getContainerClient('licence-reports').getBlobClient(name).getProperties();
    const jsonBytes = Buffer.byteLength(JSON.stringify(accounts));
    expect(stored.contentLength).toBeLessThan(jsonBytes / 5);
  });

  it('round-trips an empty snapshot', async () => {
    const name = `${runFolder()}/snapshots/tenant-empty.jsonl.gz`;
    const files = new BlobLicenceFiles(blobService());
    await files.writeSnapshot(name, []);
    expect(await files.readSnapshot(name)).toEqual([]);
  });
});
