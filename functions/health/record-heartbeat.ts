import type { InvocationContext, Timer } from '@azure/functions';
import { checkHealth } from '../../shared/health/check-health';
import { timerFunction } from '../registry';
import { getRuntime } from '../runtime';

/** Every five minutes, checks the dependencies and keeps the result, so an outage leaves a trace. */
async function recordHeartbeat(_timer: Timer, context: InvocationContext): Promise<void> {
  const runtime = getRuntime();
  const report = await checkHealth(runtime.probes);
  await runtime.heartbeats.save(report);
  const states = Object.entries(report.dependencies).map(([name, state]) => `${name}=${state.status}`);
  context.log(`heartbeat ${report.status}: ${states.join(', ')}`);
}

export const recordHeartbeatFunction = timerFunction('recordHeartbeat', {
  schedule: '0 */5 * * * *',
  handler: recordHeartbeat,
});
