import { checkHealth } from '../../shared/health/check-health';
import { publicHandler } from '../http/api-handler';
import { httpFunction } from '../registry';

/** Liveness for load balancers and people: each dependency up or down, 503 when one is down. */
const health = publicHandler(async ({ runtime, context }) => {
  const report = await checkHealth(runtime.probes);
  const dependencies = Object.fromEntries(
    Object.entries(report.dependencies).map(([name, state]) => {
      if (state.error) context.warn(`health: ${name} is down: ${state.error}`);
      return [name, { status: state.status, latencyMs: state.latencyMs }];
    }),
  );
  return {
    status: report.status === 'ok' ? 200 : 503,
    body: {
      status: report.status,
      checkedAt: report.checkedAt,
      environment: runtime.settings.environment,
      dependencies,
    },
  };
});

export const healthFunction = httpFunction('health', { methods: ['GET'], route: 'health', handler: health });
