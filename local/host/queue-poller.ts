import type { InvocationContext, StorageQueueFunctionOptions } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';

const IDLE_POLL_MS = 500;
const VISIBILITY_SECONDS = 600;
const RETRY_AFTER_SECONDS = 5;
const MAX_DEQUEUE_COUNT = 5;

/**
 * Runs a queue-triggered function locally as the Functions host does: it polls the Storage queue (Azurite), hands
 * each message to the handler (base64 JSON decoded), deletes it on success, makes it visible again after a
 * failure and moves it to `<queue>-poison` after five failed deliveries.
 */
export class QueuePoller {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly queue: QueueClient;
  private readonly poison: QueueClient;

  constructor(
    private readonly name: string,
    private readonly options: StorageQueueFunctionOptions,
    connectionString: string,
    private readonly context: (functionName: string, triggerMetadata: Record<string, unknown>) => InvocationContext,
    private readonly log: (line: string) => void,
    /** How long a failed message stays hidden before it is tried again. */
    private readonly retryAfterSeconds = RETRY_AFTER_SECONDS,
  ) {
    this.queue = new QueueClient(connectionString, options.queueName);
    this.poison = new QueueClient(connectionString, `${options.queueName}-poison`);
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    let ready = false;
    while (!this.stopped) {
      if (!ready) {
        ready = await this.queue.createIfNotExists().then(
          () => true,
          (error) => {
            this.log(`[queue] ${this.name}: cannot reach its queue yet: ${String(error)}`);
            return false;
          },
        );
        if (!ready) {
          await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
          continue;
        }
      }
      const handled = await this.pollOnce().catch((error) => {
        this.log(`[queue] ${this.name}: polling failed: ${String(error)}`);
        return false;
      });
      if (!handled) await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  }

  private async pollOnce(): Promise<boolean> {
    const { receivedMessageItems } = await this.queue.receiveMessages({
      numberOfMessages: 1,
      visibilityTimeout: VISIBILITY_SECONDS,
    });
    const message = receivedMessageItems[0];
    if (!message) return false;
    const started = performance.now();
    try {
      const metadata = { dequeueCount: message.dequeueCount, id: message.messageId, insertionTime: message.insertedOn };
      await this.options.handler(decode(message.messageText), this.context(this.name, metadata));
      await this.queue.deleteMessage(message.messageId, message.popReceipt);
      this.log(`[queue] ${this.name} succeeded in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.log(`[queue] ${this.name} failed (delivery ${message.dequeueCount}): ${String(error)}`);
      if (message.dequeueCount >= MAX_DEQUEUE_COUNT) {
        await this.poison.createIfNotExists();
        await this.poison.sendMessage(message.messageText);
        await this.queue.deleteMessage(message.messageId, message.popReceipt);
      } else {
        await this.queue.updateMessage(message.messageId, message.popReceipt, undefined, this.retryAfterSeconds);
      }
    }
    return true;
  }
}

function decode(text: string): unknown {
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  try {
    return JSON.parse(decoded);
  } catch {
    return decoded;
  }
}
