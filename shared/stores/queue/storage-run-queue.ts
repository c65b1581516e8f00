import { QueueClient } from '@azure/storage-queue';
import type { Settings } from '../../config/settings';
import type { RunQueue, RunRequest } from '../../licences/gateways';
import { azureCredential } from '../azure-credential';

/**
 * Queues runs on Azure Storage. Messages are base64 JSON, the encoding the Functions queue trigger expects by
 * default; a message that fails five times moves to `<queue>-poison`, where it waits for a person.
 */
export class StorageRunQueue implements RunQueue {
  private readonly queue: QueueClient;
  private ready: Promise<unknown> | undefined;

  /** A client of the queue: made from the connection string, or from the service URI and the app's identity. */
  constructor(queue: QueueClient) {
    this.queue = queue;
  }

  async enqueue(request: RunRequest): Promise<void> {
    this.ready ??= this.queue.createIfNotExists().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    await this.queue.sendMessage(Buffer.from(JSON.stringify(request)).toString('base64'));
  }
}

/** The licence run queue of these settings, reached as the blob client is (see `createBlobServiceClient`). */
export function createRunQueue(settings: Pick<Settings, 'storage' | 'environment' | 'azureIdentity' | 'licences'>) {
  const { storage, licences } = settings;
  const client =
    storage.kind === 'connection-string'
      ? new QueueClient(storage.connectionString, licences.runQueue)
      : new QueueClient(
          `${storage.queueServiceUri.replace(/\/+$/, '')}/${licences.runQueue}`,
          azureCredential(settings),
        );
  return new StorageRunQueue(client);
}
