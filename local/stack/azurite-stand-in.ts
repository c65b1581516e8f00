import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** Azurite's published development account and key; no secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const STARTUP_TIMEOUT_MS = 20_000;

export type RunningAzurite = { connectionString: string; blobEndpoint: string; stop(): Promise<void> };

/**
 * Azurite as a child process, in memory, on free loopback ports read back from its start-up lines.
 * `--skipApiVersionCheck` lets current SDKs talk to it.
 */
export async function startAzuriteStandIn(): Promise<RunningAzurite> {
  const child = fork(
    join(__dirname, 'azurite-process.cjs'),
    [
      '--inMemoryPersistence',
      '--loose',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--blobHost',
      '127.0.0.1',
      '--queueHost',
      '127.0.0.1',
      '--tableHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queuePort',
      '0',
      '--tablePort',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] },
  );
  const ports = await readPorts(child);
  const blobEndpoint = `http://127.0.0.1:${ports.blob}/${ACCOUNT}`;
  const connectionString = [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${ACCOUNT_KEY}`,
    `BlobEndpoint=${blobEndpoint}`,
    `QueueEndpoint=http://127.0.0.1:${ports.queue}/${ACCOUNT}`,
    `TableEndpoint=http://127.0.0.1:${ports.table}/${ACCOUNT}`,
  ].join(';');
  return { connectionString, blobEndpoint, stop: () => stopChild(child) };
}

function readPorts(child: ChildProcess): Promise<{ blob: number; queue: number; table: number }> {
  return new Promise((resolve, reject) => {
    const found: Record<string, number> = {};
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\n${output}`));
    };
    child.once('exit', (code) => fail(new Error(`Azurite exited with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(
        /Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/[^:]+:(\d+)/g,
      )) {
        found[(match[1] ?? '').toLowerCase()] = Number(match[2]);
      }
      if (found.blob && found.queue && found.table) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ blob: found.blob, queue: found.queue, table: found.table });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // Closing the IPC channel makes the child exit at once (see azurite-process.cjs).
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}
