import type { RunningGraphSimulator } from '../tenants/graph/graph-simulator';
import type { LocalFunctionsHost } from './local-functions-host';

/**
 * `GET /dev/outbox`: the mail the simulated tenants' Graph was asked to send (the licence reports), newest first,
 * so a developer, a test or the tab in local mode can see what administrators would have received.
 */
export function addGraphOutbox(host: LocalFunctionsHost, graph: RunningGraphSimulator): void {
  host.devRoute('GET', '/dev/outbox', () => ({
    contentType: 'application/json; charset=utf-8',
    headers: { 'cache-control': 'no-store' },
    body: JSON.stringify({ messages: graph.outbox().reverse() }),
  }));
}
