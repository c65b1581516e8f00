import { randomUUID } from 'node:crypto';
import { InvocationContext, type StorageQueueHandler } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queueFunction, registerFunctions } from '../../../functions/registry';
import { LocalFunctionsHost } from '../../../local/host/local-functions-host';
import { QueuePoller } from '../../../local/host/queue-poller';
import { integrationEnv } from '../../support/integration-runtime';

const env = integrationEnv();
const connectionString = env.HUB_STORAGE as string;

const encode = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

/** Queues this file created, removed afterwards with their poison queues. */
const created: QueueClient[] = [];
function queueNamed(name: string): QueueClient {
  const client = new QueueClient(connectionString, name);
  created.push(client);
  return client;
}
const uniqueQueue = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Every message on a queue, visible or not: Azurite counts those a poller is holding too. */
const messagesOn = async (queue: QueueClient) => (await queue.getProperties()).approximateMessagesCount ?? 0;

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
  await Promise.all(created.splice(0).map((queue) => queue.deleteIfExists()));
});

function startPoller(queueName: string, handler: StorageQueueHandler, log: string[]) {
  queueNamed(`${queueName}-poison`);
  const poller = new QueuePoller(
    'worker',
    { queueName, connection: 'HUB_STORAGE', handler },
    connectionString,
    (functionName) => new InvocationContext({ functionName }),
    (line) => log.push(line),
    0,
  );
  poller.start();
  stoppers.push(() => poller.stop());
  return poller;
}

describe('QueuePoller', () => {
  it('hands a message to the handler decoded, with the function’s context, and deletes it after success', async () => {
    const queueName = uniqueQueue('poller-ok');
    const queue = queueNamed(queueName);
    await queue.create();
    await queue.sendMessage(encode({ partnershipId: 'p3', runId: 'run-1' }));
    await queue.sendMessage(encode('not json'));
    const received: { message: unknown; functionName: string; onQueue: number }[] = [];
    const log: string[] = [];
    startPoller(
      queueName,
      async (message, context) => {
        // While it is handled, a message is hidden from other pollers but still on the queue.
        received.push({ message, functionName: context.functionName, onQueue: await messagesOn(queue) });
      },
      log,
    );

    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000, interval: 50 });
    expect(received).toEqual([
      { message: { partnershipId: 'p3', runId: 'run-1' }, functionName: 'worker', onQueue: 2 },
      { message: 'not json', functionName: 'worker', onQueue: 1 },
    ]);
    await vi.waitFor(async () => expect(await messagesOn(queue)).toBe(0), { timeout: 5_000, interval: 50 });
    expect(log.filter((line) => line.startsWith('[queue] worker succeeded'))).toHaveLength(2);
  });

  it('delivers a failing message again, and after five failures moves it to the poison queue', async () => {
    const queueName = uniqueQueue('poller-fail');
    const queue = queueNamed(queueName);
    const poison = new QueueClient(connectionString, `${queueName}-poison`);
    await queue.create();
    const deliveries: unknown[] = [];
    const log: string[] = [];
    startPoller(
      queueName,
      async (message) => {
        deliveries.push(message);
        throw new Error('Graph answered 503');
      },
      log,
    );
    const text = encode({ partnershipId: 'p3', runId: 'run-2' });
    await queue.sendMessage(text);

    await vi.waitFor(async () => expect(await poison.exists()).toBe(true), { timeout: 40_000, interval: 100 });
    await vi.waitFor(async () => expect(await messagesOn(poison)).toBe(1), { timeout: 5_000, interval: 100 });

    expect(deliveries).toHaveLength(5);
    expect(deliveries.every((d) => JSON.stringify(d) === JSON.stringify({ partnershipId: 'p3', runId: 'run-2' }))).toBe(
      true,
    );
    const failures = log.filter((line) => line.startsWith('[queue] worker failed'));
    expect(failures.map((line) => /\(delivery (\d+)\)/.exec(line)?.[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(failures[0]).toContain('Graph answered 503');
    const { peekedMessageItems } = await poison.peekMessages({ numberOfMessages: 5 });
    expect(peekedMessageItems.map((m) => m.messageText)).toEqual([text]);
    expect(await messagesOn(queue)).toBe(0);
  }, 60_000);
});

describe('LocalFunctionsHost: queue-triggered functions', () => {
  it('polls the queue an app setting names, as %LICENCE_RUN_QUEUE% in the binding', async () => {
    const runQueue = env.LICENCE_RUN_QUEUE as string;
    const queue = queueNamed(runQueue);
    queueNamed(`${runQueue}-poison`);
    const received: unknown[] = [];
    const host = new LocalFunctionsHost(() => undefined);
    registerFunctions(host, [
      queueFunction('runLicenceReconciliation', {
        queueName: '%LICENCE_RUN_QUEUE%',
        connection: 'HUB_STORAGE',
        handler: async (message) => {
          received.push(message);
        },
      }),
    ]);
    expect(host.describe().queues).toEqual([{ name: 'runLicenceReconciliation', queueName: '%LICENCE_RUN_QUEUE%' }]);

    await host.start(0, { runTimers: false, env });
    stoppers.push(() => host.stop());
    await vi.waitFor(async () => expect(await queue.exists()).toBe(true), { timeout: 5_000, interval: 50 });
    await queue.sendMessage(encode({ partnershipId: 'p3', runId: 'run-3' }));

    await vi.waitFor(() => expect(received).toEqual([{ partnershipId: 'p3', runId: 'run-3' }]), {
      timeout: 10_000,
      interval: 50,
    });
    await vi.waitFor(async () => expect(await messagesOn(queue)).toBe(0), { timeout: 5_000, interval: 50 });
  });

  it('refuses to start a queue function whose binding names an app setting that is not set', async () => {
    const host = new LocalFunctionsHost(() => undefined);
    registerFunctions(host, [
      queueFunction('worker', {
        queueName: '%NO_SUCH_QUEUE_SETTING%',
        connection: 'HUB_STORAGE',
        handler: async () => undefined,
      }),
    ]);
    stoppers.push(() => host.stop());
    await expect(host.start(0, { runTimers: false, env })).rejects.toThrow(/NO_SUCH_QUEUE_SETTING/);
  });
});
