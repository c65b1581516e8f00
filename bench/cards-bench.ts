import { allFunctions } from '../functions/all-functions';
import { registerFunctions } from '../functions/registry';
import { LocalFunctionsHost } from '../local/host/local-functions-host';
import { loadDemoDatasets } from '../local/seed/demo-datasets';
import { seedApproversDemo } from '../local/seed/seed-approvers-demo';
import { seedDemoData } from '../local/seed/seed-demo-data';
import { startLocalStack } from '../local/stack/local-stack';
import type { RunningBotConnector } from '../local/tenants/bot-connector/bot-connector-simulator';
import { cardActionInvoke } from '../local/tenants/bot-connector/teams-activities';
import { acquireDemoUserToken } from '../local/tenants/demo-user-token';
import { REFRESH_VERB } from '../shared/cards/parts/refresh';
import { loadSettings } from '../shared/config/settings';
import { createRuntime } from '../shared/runtime';
import { createCosmosClient, provisionCosmos } from '../shared/stores/cosmos/cosmos-client';
import { quantile, round, runLoadInWorker } from './bench-figures';

const PARTNERSHIP = '3c-ict';
/** A joint risk of the three councils: each council's risk approver gets the card and decides once. */
const RISK = 'risk-joint-witness-host';
const ADMIN = 'sam.smith@huntingdonshire.example';
const APPROVERS = [
  'fiona.bryant@cambridge.example',
  'oliver.morley@huntingdonshire.example',
  'mike.hill@scambs.example',
] as const;
const CARD = 'application/vnd.microsoft.card.adaptive';
const TARGET_P95_MS = 300;

type Options = { invokes: number; concurrency: number; warmUp: number };
type Kind = 'decision' | 'repeat' | 'refresh';
/** One invoke as the Bot Connector stand-in would deliver it: the activity, signed. */
type Invoke = { kind: Kind; body: string; authorization: string };
type Timing = { kind: Kind; ms: number; status: number; card: boolean };

/**
 * `npm run bench -- cards [--invokes 200] [--concurrency 10] [--warm-up 30]`: the time to answer an Action.Execute
 * invoke on the local stack (Cosmos DB stand-in, simulated tenants, the Bot Connector stand-in, the local Functions
 * host, demo data and approvers). A partnership administrator asks the three councils to tolerate a joint risk;
 * the three risk approvers then press its card as Teams sends the presses: `adaptiveCard/action` invokes signed
 * by the stand-in, through /api/messages, from a worker thread with a keep-alive node:http client, measured from
 * send to answer. Each council decides once; the rest are repeated presses and refreshes, as real traffic is.
 */
export async function cardsBench(args: string[]): Promise<void> {
  const options = optionsOf(args);
  const datasets = loadDemoDatasets();
  const stack = await startLocalStack(
    {},
    datasets.map((dataset) => dataset.partnership),
  );
  const connector = stack.bot?.connector;
  if (!connector || !stack.tenants) throw new Error('The local stack started no Bot Connector stand-in');
  const env = { HUB_ENVIRONMENT: 'development', COSMOS_DATABASE: 'bench-cards', ...stack.env };
  Object.assign(process.env, env);
  const settings = loadSettings(env);
  await provisionCosmos(createCosmosClient(settings), settings.cosmos.database);
  const runtime = createRuntime(settings);
  await seedDemoData(runtime.stores, datasets);
  console.log(`Demo approvers: ${await seedApproversDemo(runtime.stores, stack.tenants.list)}`);

  const host = new LocalFunctionsHost(() => {});
  registerFunctions(host, allFunctions);
  const baseUrl = await host.start(0, { runTimers: false });
  connector.setBotEndpoint(`${baseUrl}/api/messages`);
  try {
    for (const user of [ADMIN, ...APPROVERS]) {
      const deliveries = await connector.install(user);
      if (deliveries.some((d) => d.status !== 200)) throw new Error(`Installing the app for ${user} failed`);
    }
    const tolerationId = await requestToleration(baseUrl, settings, stack.tenants.list, connector);
    const cards = await postedCards(connector, tolerationId);
    const authorization = `Bearer ${await connector.tokenFor()}`;
    const invoke = (index: number, kind: Kind): Invoke => {
      const user = APPROVERS[index % APPROVERS.length] as (typeof APPROVERS)[number];
      const card = cards.get(user) as PostedCard;
      const press =
        kind === 'refresh'
          ? { messageId: card.messageId, verb: REFRESH_VERB, data: card.refreshData, trigger: 'automatic' as const }
          : { messageId: card.messageId, verb: 'tolerate', data: { ...card.tolerateData, comment: 'Benchmark' } };
      const activity = connector.activityFrom(user, cardActionInvoke(press));
      return { kind, body: JSON.stringify(activity), authorization };
    };

    // Warm-up: refreshes only, so the decisions are all measured.
    const warmUp = Array.from({ length: options.warmUp }, (_, i) => invoke(i, 'refresh'));
    await loadFromWorker(`${baseUrl}/api/messages`, warmUp, options.concurrency);

    // The first press of each approver decides; then two presses in five repeat a decision, the rest refresh.
    const measured = Array.from({ length: options.invokes }, (_, i) =>
      invoke(i, i < APPROVERS.length ? 'decision' : i % 5 < 2 ? 'repeat' : 'refresh'),
    );
    const timings = await loadFromWorker(`${baseUrl}/api/messages`, measured, options.concurrency);

    const failures = timings.filter((t) => t.status !== 200 || !t.card);
    const toleration = (await runtime.stores.riskTolerations.get(PARTNERSHIP, tolerationId))?.record;
    const decisions = toleration?.decisions.length ?? 0;
    const times = timings.map((t) => t.ms);
    report(`Action.Execute invokes (${timings.length}, ${options.concurrency} at a time)`, times);
    for (const kind of ['decision', 'repeat', 'refresh'] as const) {
      const own = timings.filter((t) => t.kind === kind).map((t) => t.ms);
      if (own.length > 0) report(`  ${kind} (${own.length})`, own);
    }
    console.log(
      `Toleration ${tolerationId}: ${toleration?.status}, outcome ${toleration?.outcome}, ${decisions} decisions recorded`,
    );
    console.log(`Answers other than 200 with a card: ${failures.length}`);

    const summary = {
      p50Ms: round(quantile(times, 0.5)),
      p95Ms: round(quantile(times, 0.95)),
      maxMs: round(quantile(times, 1)),
      invokes: timings.length,
      concurrency: options.concurrency,
      warmUp: options.warmUp,
      decisions: timings.filter((t) => t.kind === 'decision').length,
      repeats: timings.filter((t) => t.kind === 'repeat').length,
      refreshes: timings.filter((t) => t.kind === 'refresh').length,
      decisionsRecorded: decisions,
      errors: failures.length,
    };
    const ok = summary.p95Ms <= TARGET_P95_MS && failures.length === 0 && decisions === APPROVERS.length;
    console.error(
      `${ok ? 'PASS' : 'FAIL'} p95 ${summary.p95Ms} ms (target ≤ ${TARGET_P95_MS} ms), ${failures.length} errors, ` +
        `${decisions} of ${APPROVERS.length} decisions recorded`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await host.stop();
    await stack.stop();
  }
}

function optionsOf(args: string[]): Options {
  const value = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    const parsed = at >= 0 ? Number(args[at + 1]) : fallback;
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} takes a whole number above 0`);
    return parsed;
  };
  return { invokes: value('invokes', 200), concurrency: value('concurrency', 10), warmUp: value('warm-up', 30) };
}

/** The partnership administrator asks the councils to tolerate the joint risk, through the API, as the tab does. */
async function requestToleration(
  baseUrl: string,
  settings: ReturnType<typeof loadSettings>,
  tenants: readonly { tenantId: string; users: readonly { userPrincipalName: string }[] }[],
  connector: RunningBotConnector,
): Promise<string> {
  const tenant = tenants.find((t) => t.users.some((u) => u.userPrincipalName === ADMIN));
  const { accessToken } = await acquireDemoUserToken({
    authorityHost: settings.identity.authorityHost,
    tenantId: tenant?.tenantId ?? '',
    apiClientId: settings.identity.apiClientId,
    apiAppIdUri: settings.identity.apiAppIdUri,
    userPrincipalName: ADMIN,
  });
  const response = await fetch(`${baseUrl}/api/tolerations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ riskId: RISK }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id) {
    throw new Error(`Requesting the toleration answered ${response.status}: ${JSON.stringify(body)}`);
  }
  // The bot posts the cards as part of the request; a connector a little behind gets a few seconds.
  for (let i = 0; i < 50 && !APPROVERS.every((user) => cardOf(connector, user, body.id as string)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return body.id;
}

type PostedCard = { messageId: string; tolerateData: Record<string, unknown>; refreshData: Record<string, unknown> };

/** Each approver's posted card: its message id, and the data of its Tolerate button and of its refresh. */
async function postedCards(connector: RunningBotConnector, tolerationId: string): Promise<Map<string, PostedCard>> {
  const cards = new Map<string, PostedCard>();
  for (const user of APPROVERS) {
    const posted = cardOf(connector, user, tolerationId);
    if (!posted) throw new Error(`No toleration card reached ${user}`);
    const tolerate = executeActions(posted.card).find((action) => action.verb === 'tolerate');
    const refresh = (posted.card.refresh as { action?: { data?: Record<string, unknown> } } | undefined)?.action;
    if (!tolerate || !refresh?.data) throw new Error(`The card ${user} got has no Tolerate button or no refresh`);
    cards.set(user, { messageId: posted.id, tolerateData: tolerate.data ?? {}, refreshData: refresh.data });
  }
  return cards;
}

function cardOf(
  connector: RunningBotConnector,
  user: string,
  tolerationId: string,
): { id: string; card: Record<string, unknown> } | undefined {
  for (const entry of connector.conversationOf(user).activities) {
    if (entry.sender !== 'bot') continue;
    const attachment = (entry.activity.attachments as { contentType: string; content: unknown }[] | undefined)?.[0];
    if (attachment?.contentType === CARD && JSON.stringify(attachment.content).includes(tolerationId)) {
      return { id: entry.id, card: attachment.content as Record<string, unknown> };
    }
  }
  return undefined;
}

type ExecuteAction = { type: string; verb?: string; data?: Record<string, unknown> };

/** Every Action.Execute of a card, wherever it sits (actions, action sets, show-card cards). */
function executeActions(value: unknown): ExecuteAction[] {
  if (Array.isArray(value)) return value.flatMap(executeActions);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own = object.type === 'Action.Execute' ? [object as ExecuteAction] : [];
  return [...own, ...Object.values(object).flatMap(executeActions)];
}

/**
 * Posts the invokes from `concurrency` clients in a worker thread, each with a keep-alive node:http connection,
 * so the clients do not share the event loop of the host they measure; each time runs from send to answer.
 */
function loadFromWorker(url: string, invokes: Invoke[], concurrency: number): Promise<Timing[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { url, invokes, concurrency, cardType } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const post = (invoke) => new Promise((resolve, reject) => {
      const request = http.request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: invoke.authorization },
      }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(invoke.body);
    });
    const timings = [];
    let next = 0;
    const client = async () => {
      while (next < invokes.length) {
        const invoke = invokes[next];
        next += 1;
        const started = performance.now();
        const answer = await post(invoke);
        const ms = performance.now() - started;
        let card = false;
        try { card = JSON.parse(answer.text).type === cardType; } catch {}
        timings.push({ kind: invoke.kind, ms, status: answer.status, card });
      }
    };
    Promise.all(Array.from({ length: concurrency }, client)).then(
      () => parentPort.postMessage({ result: timings }),
      (error) => parentPort.postMessage({ error: String(error) }),
    );
  `;
  return runLoadInWorker<Timing[]>(source, { url, invokes, concurrency, cardType: CARD });
}

function report(label: string, values: number[]): void {
  const at = (q: number) => quantile(values, q).toFixed(1);
  console.log(`${label}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
}
