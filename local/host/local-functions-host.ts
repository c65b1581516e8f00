import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type HttpFunctionOptions,
  HttpRequest,
  HttpResponse,
  type HttpResponseInit,
  InvocationContext,
  type StorageQueueFunctionOptions,
  type Timer,
  type TimerFunctionOptions,
} from '@azure/functions';
import { Cron } from 'croner';
import type { FunctionRegistrar } from '../../functions/registry';
import { loadSettings } from '../../shared/config/settings';
import { QueuePoller } from './queue-poller';
import { compileRoute, type RouteMatcher } from './route-template';

type HttpEntry = { name: string; options: HttpFunctionOptions; methods: string[]; match: RouteMatcher };
type TimerEntry = { name: string; options: TimerFunctionOptions; last?: Date };

/** What a development route answers: pages and small JSON endpoints the local host serves beside the functions. */
export type LocalPage = {
  status?: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
};
export type DevRouteHandler = (body: Buffer) => LocalPage | Promise<LocalPage>;

export type HostLog = (line: string) => void;

const DEFAULT_METHODS = ['GET', 'POST'];
const MAX_BODY_BYTES = 100 * 1024 * 1024;

/**
 * A small stand-in for the Azure Functions host, for machines where Core Tools cannot be installed. It takes
 * registrations through the same calls as `app` (so it serves exactly what the entry point registers), wraps
 * each request in the real `HttpRequest` with its own `InvocationContext`, runs timers on their schedules, and
 * runs any non-HTTP function on demand at `POST /admin/functions/<name>`, as the host does.
 */
export class LocalFunctionsHost implements FunctionRegistrar {
  private readonly httpFunctions: HttpEntry[] = [];
  private readonly timerFunctions = new Map<string, TimerEntry>();
  private readonly queueFunctions = new Map<string, StorageQueueFunctionOptions>();
  private readonly pollers: QueuePoller[] = [];
  private readonly jobs: Cron[] = [];
  private readonly devRoutes = new Map<string, DevRouteHandler>();
  private server: Server | undefined;

  constructor(
    private readonly log: HostLog = (line) => console.log(line),
    private readonly routePrefix = 'api',
  ) {}

  http(name: string, options: HttpFunctionOptions): void {
    const methods = (options.methods ?? DEFAULT_METHODS).map((m) => m.toUpperCase());
    this.httpFunctions.push({ name, options, methods, match: compileRoute(options.route ?? name) });
  }

  timer(name: string, options: TimerFunctionOptions): void {
    this.timerFunctions.set(name, { name, options });
  }

  storageQueue(name: string, options: StorageQueueFunctionOptions): void {
    this.queueFunctions.set(name, options);
  }

  /** Serves a development route (the demo sign-in page): tooling, never part of the Functions app. */
  devRoute(method: 'GET' | 'POST', path: string, handler: DevRouteHandler): void {
    this.devRoutes.set(`${method} ${path}`, handler);
  }

  /**
   * Listens on 127.0.0.1, starts the timers and polls the queues of queue-triggered functions; resolves with the
   * base URL. A queue's connection names an environment variable holding a storage connection string, as in Azure.
   */
  async start(port: number, options: { runTimers?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', () => resolve());
    });
    if (options.runTimers !== false) this.scheduleTimers();
    this.startQueuePollers(options.env ?? process.env);
    const { port: actual } = this.server.address() as AddressInfo;
    return `http://localhost:${actual}`;
  }

  async stop(): Promise<void> {
    for (const job of this.jobs) job.stop();
    await Promise.all(this.pollers.map((poller) => poller.stop()));
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }

  describe(): {
    http: { name: string; methods: string[]; route: string }[];
    timers: { name: string; schedule: string }[];
    queues: { name: string; queueName: string }[];
  } {
    return {
      http: this.httpFunctions.map((f) => ({
        name: f.name,
        methods: f.methods,
        route: `${this.routePrefix}/${f.options.route ?? f.name}`,
      })),
      timers: [...this.timerFunctions.values()].map((t) => ({ name: t.name, schedule: t.options.schedule })),
      queues: [...this.queueFunctions].map(([name, options]) => ({ name, queueName: options.queueName })),
    };
  }

  /** Runs a timer function now, as `POST /admin/functions/<name>` does. */
  async runTimer(name: string, isPastDue = false): Promise<void> {
    const entry = this.timerFunctions.get(name);
    if (!entry) throw new Error(`No timer function ${name}`);
    const now = new Date();
    const next = new Cron(entry.options.schedule, { paused: true }).nextRun(now);
    const timer: Timer = {
      isPastDue,
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: (entry.last ?? now).toISOString(),
        next: (next ?? now).toISOString(),
        lastUpdated: now.toISOString(),
      },
    };
    entry.last = now;
    const context = this.context(name);
    const started = performance.now();
    try {
      await entry.options.handler(timer, context);
      this.log(`[timer] ${name} succeeded in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.log(`[timer] ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  private startQueuePollers(env: NodeJS.ProcessEnv): void {
    for (const [name, options] of this.queueFunctions) {
      const connectionString = env[options.connection];
      if (!connectionString)
        throw new Error(`${name} reads its queue through ${options.connection}, which is not set.`);
      const queueName = resolveAppSettings(options.queueName, env);
      const poller = new QueuePoller(
        name,
        { ...options, queueName },
        connectionString,
        (n) => this.context(n),
        this.log,
      );
      poller.start();
      this.pollers.push(poller);
    }
  }

  private scheduleTimers(): void {
    for (const entry of this.timerFunctions.values()) {
      this.jobs.push(new Cron(entry.options.schedule, { protect: true }, () => this.runTimer(entry.name)));
      if (entry.options.runOnStartup) void this.runTimer(entry.name);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const adminMatch = /^\/admin\/functions\/?([^/]*)$/.exec(url.pathname);
      if (adminMatch) return await this.handleAdmin(method, decodeURIComponent(adminMatch[1] ?? ''), res);
      const devRoute = this.devRoutes.get(`${method} ${url.pathname}`);
      if (devRoute) {
        const { status = 200, contentType, body, headers } = await devRoute(await readBody(req));
        res.writeHead(status, { ...headers, 'content-type': contentType });
        res.end(body);
        this.log(`[dev] ${method} ${url.pathname} ${status}`);
        return;
      }

      const prefix = `/${this.routePrefix}/`;
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null;
      const candidates =
        path === null ? [] : this.httpFunctions.map((f) => ({ f, params: f.match(path) })).filter((c) => c.params);
      const found = candidates.find((c) => c.f.methods.includes(method));
      if (!found?.params) {
        return sendJson(res, 404, {
          error: { code: 'not-found', message: `No function serves ${method} ${url.pathname}.` },
        });
      }
      const body = await readBody(req);
      const request = new HttpRequest({
        method,
        url: url.toString(),
        headers: flattenHeaders(req),
        query: Object.fromEntries(url.searchParams.entries()),
        params: found.params,
        ...(body.length > 0 ? { body: { bytes: body } } : {}),
      });
      const result = await found.f.options.handler(request, this.context(found.f.name));
      const status = await writeResponse(res, result);
      this.log(`[http] ${method} ${url.pathname} ${status} ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.log(`[http] ${method} ${url.pathname} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent)
        sendJson(res, error instanceof BodyTooLargeError ? 413 : 500, {
          error: { code: 'host-error', message: String(error) },
        });
    }
  }

  private async handleAdmin(method: string, name: string, res: ServerResponse): Promise<void> {
    if (name === '' && method === 'GET') return sendJson(res, 200, this.describe());
    if (method !== 'POST') return sendJson(res, 405, { error: { code: 'method-not-allowed', message: 'Use POST.' } });
    if (!this.timerFunctions.has(name)) {
      const isHttp = this.httpFunctions.some((f) => f.name === name);
      const message = isHttp ? `${name} is an HTTP function: call its route.` : `No function named ${name}.`;
      return sendJson(res, isHttp ? 400 : 404, { error: { code: 'not-found', message } });
    }
    this.log(`[admin] running ${name} on demand`);
    void this.runTimer(name);
    res.statusCode = 202;
    res.end();
  }

  private context(functionName: string, triggerMetadata?: Record<string, unknown>): InvocationContext {
    const invocationId = randomUUID();
    return new InvocationContext({
      invocationId,
      functionName,
      ...(triggerMetadata ? { triggerMetadata } : {}),
      logHandler: (level, ...args) =>
        this.log(
          `[${functionName}] ${level}: ${args.map((a) => (a instanceof Error ? a.stack : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`,
        ),
    });
  }
}

class BodyTooLargeError extends Error {}

/** `%NAME%` in a binding is the app setting NAME, as the Functions host reads it; the app's defaults apply. */
function resolveAppSettings(expression: string, env: NodeJS.ProcessEnv): string {
  const withDefaults: Record<string, string | undefined> = {
    ...env,
    LICENCE_RUN_QUEUE: loadSettings(env).licences.runQueue,
  };
  return expression.replace(/%([A-Za-z0-9_]+)%/g, (_, name: string) => {
    const value = withDefaults[name];
    if (value === undefined) throw new Error(`The app setting ${name} in "${expression}" is not set.`);
    return value;
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Writes what a handler returned. The app's handlers return a plain status, header record and text body, written
 * as they are; anything else (an HttpResponse, a stream, `jsonBody`, cookies) goes through HttpResponse, as the
 * Functions worker would read it.
 */
async function writeResponse(res: ServerResponse, result: Awaited<ReturnType<HttpFunctionOptions['handler']>>) {
  const init = result ?? {};
  if (!(init instanceof HttpResponse) && isPlainText(init)) {
    res.statusCode = init.status ?? 200;
    for (const [key, value] of Object.entries(init.headers ?? {})) res.setHeader(key, value);
    res.end(init.body ?? '');
    return res.statusCode;
  }
  const response = init instanceof HttpResponse ? init : new HttpResponse(init);
  const payload = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.end(payload);
  return response.status;
}

function isPlainText(
  init: HttpResponseInit,
): init is HttpResponseInit & { body?: string; headers?: Record<string, string> } {
  const plainHeaders =
    init.headers === undefined ||
    (Object.getPrototypeOf(init.headers) === Object.prototype && !Array.isArray(init.headers));
  return (
    plainHeaders &&
    (init.body === undefined || typeof init.body === 'string') &&
    init.jsonBody === undefined &&
    init.cookies === undefined &&
    !init.enableContentNegotiation
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
