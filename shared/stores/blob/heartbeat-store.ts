import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { HealthReport } from '../../health/check-health';

const CONTAINER = 'status';
const LATEST = 'heartbeat/latest.json';

/** The last scheduled health check, kept as a blob so every instance and the tab read the same one. */
export class HeartbeatStore {
  private readonly container: ContainerClient;
  private ready: Promise<unknown> | undefined;

  constructor(blobService: BlobServiceClient) {
    this.container = blobService.getContainerClient(CONTAINER);
  }

  async save(report: HealthReport): Promise<void> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
    const body = JSON.stringify(report);
    await this.container.getBlockBlobClient(LATEST).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }

  async latest(): Promise<HealthReport | null> {
    try {
      const buffer = await this.container.getBlockBlobClient(LATEST).downloadToBuffer();
      return JSON.parse(buffer.toString('utf8')) as HealthReport;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  }
}
