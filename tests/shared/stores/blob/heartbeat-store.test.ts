import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, inject, it } from 'vitest';
import { HeartbeatStore } from '../../../../shared/stores/blob/heartbeat-store';

describe('HeartbeatStore through @azure/storage-blob against Azurite', () => {
  it('keeps the latest report, readable by another client', async () => {
    const connectionString = inject('storageConnectionString');
    const writer = new HeartbeatStore(BlobServiceClient.fromConnectionString(connectionString));
    const report = {
      status: 'degraded' as const,
      checkedAt: '2026-11-22T10:00:00.000Z',
      dependencies: { cosmos: { status: 'down' as const, latencyMs: 3000, error: 'timeout' } },
    };
    await writer.save({ ...report, status: 'ok', dependencies: {} });
    await writer.save(report);

    const reader = new HeartbeatStore(BlobServiceClient.fromConnectionString(connectionString));
    expect(await reader.latest()).toEqual(report);
  });
});
