import { Worker } from 'node:worker_threads';

/** The value below which a fraction `q` of the values lie (nearest rank). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Runs a load client (CommonJS source) in a worker thread, so the clients do not share the event loop of the host
 * they measure; the source posts `{ result }` or `{ error }` back once.
 */
export function runLoadInWorker<T>(source: string, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    worker.once('message', (message: { result?: T; error?: string }) => {
      void worker.terminate();
      if (message.error) reject(new Error(message.error));
      else resolve(message.result as T);
    });
    worker.once('error', reject);
  });
}
