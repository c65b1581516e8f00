/** A check that a dependency answers; rejects when it does not. */
export type HealthProbe = () => Promise<unknown>;

export type DependencyState = { status: 'up' | 'down'; latencyMs: number; error?: string };

export type HealthReport = {
  status: 'ok' | 'degraded';
  checkedAt: string;
  dependencies: Record<string, DependencyState>;
};

const PROBE_TIMEOUT_MS = 3000;

/** Runs every probe at once, each with a time limit, and reports ok only when all are up. */
export async function checkHealth(probes: Record<string, HealthProbe>, now = () => new Date()): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await runProbe(probe)] as const),
  );
  const dependencies = Object.fromEntries(entries);
  const allUp = entries.every(([, state]) => state.status === 'up');
  return { status: allUp ? 'ok' : 'degraded', checkedAt: now().toISOString(), dependencies };
}

async function runProbe(probe: HealthProbe): Promise<DependencyState> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message.split('\n')[0] : 'unavailable',
    };
  } finally {
    clearTimeout(timer);
  }
}
