import { QueueClient } from '@azure/storage-queue';
import type { RunQueue, RunRequest } from '../../licences/gateways';

/**
 * Queues runs on Azure Storage. Messages are base64 JSON, the encoding the Functions queue trigger expects by
 * default; a message that fails five times moves to `<queue>-poison`, where it waits for a person.
 */
export class StorageRunQueue implements RunQueue {
  private readonly queue: QueueClient;
  private ready: Promise<unknown> | undefined;

  constructor(connectionString: string, queueName: string) {
    this.queue = new QueueClient(connectionString, queueName);
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
