import type { Client } from '@microsoft/microsoft-graph-client';

/** One request of a JSON batch; `url` is relative to the version, e.g. `/users?$top=5`. */
export type BatchRequest = {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
};

/** One answer of a batch; header names are lower case. */
export type BatchResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

export type BatchOptions = {
  /** Sends of one chunk at most, the first included, before a sub-request still throttled is an error. */
  maxAttempts?: number;
  /** A Retry-After longer than this is cut to it, so one odd answer cannot stall a run. */
  maxRetryAfterSeconds?: number;
  sleep?: (milliseconds: number) => Promise<void>;
};

/** Graph takes at most 20 requests in one `$batch`. */
export const MAX_BATCH_REQUESTS = 20;
const RETRYABLE = new Set([429, 503]);

/**
 * Sends requests through Graph's `/$batch`, 20 at a time. A batch is answered 200 even when some of its requests
 * are throttled: those come back as 429 (or 503) inside it, and the Graph client's retry handler never sees them.
 * So only those requests are sent again, after the longest Retry-After among them, a bounded number of times.
 * A throttled `$batch` as a whole is a plain 429, which the client's retry handler already absorbs.
 */
export async function sendBatch(
  client: Client,
  requests: readonly BatchRequest[],
  options: BatchOptions = {},
): Promise<Map<string, BatchResponse>> {
  const ids = new Set(requests.map((request) => request.id));
  if (ids.size !== requests.length) throw new Error('Each request of a Graph batch needs its own id.');
  const maxAttempts = options.maxAttempts ?? 6;
  const maxWait = options.maxRetryAfterSeconds ?? 60;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const answers = new Map<string, BatchResponse>();
  for (let start = 0; start < requests.length; start += MAX_BATCH_REQUESTS) {
    let pending = requests.slice(start, start + MAX_BATCH_REQUESTS);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const responses = await postBatch(client, pending);
      const again: BatchRequest[] = [];
      let waitSeconds = 0;
      for (const request of pending) {
        const response = responses.get(request.id);
        if (!response) throw new Error(`Graph's batch answer has no response for request ${request.id}.`);
        if (!RETRYABLE.has(response.status)) {
          answers.set(request.id, response);
          continue;
        }
        again.push(request);
        waitSeconds = Math.max(waitSeconds, retryAfterSeconds(response.headers) ?? 2 ** (attempt - 1));
      }
      if (again.length > 0 && attempt >= maxAttempts) {
        // Paths only: a query string may hold a delta token, which is a key to the directory's changes.
        const which = again.map((request) => `${request.method} ${request.url.split('?')[0]}`).join(', ');
        throw new Error(`Graph kept throttling (429/503) these batch requests after ${attempt} attempts: ${which}`);
      }
      if (again.length > 0) await sleep(Math.min(waitSeconds, maxWait) * 1000);
      pending = again;
    }
  }
  return answers;
}

async function postBatch(client: Client, requests: readonly BatchRequest[]): Promise<Map<string, BatchResponse>> {
  const answer: unknown = await client.api('/$batch').post({ requests });
  const responses = (answer as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(responses)) throw new Error('Graph answered a batch without a list of responses.');
  const byId = new Map<string, BatchResponse>();
  for (const response of responses as { id: unknown; status: unknown; headers?: unknown; body?: unknown }[]) {
    const headers = Object.fromEntries(
      Object.entries((response.headers ?? {}) as Record<string, unknown>).map(([name, value]) => [
        name.toLowerCase(),
        String(value),
      ]),
    );
    byId.set(String(response.id), {
      id: String(response.id),
      status: Number(response.status),
      headers,
      body: response.body,
    });
  }
  return byId;
}

/** Retry-After in seconds: Graph sends a number of seconds; an HTTP date is allowed too. */
export function retryAfterSeconds(headers: Record<string, string> | Headers | undefined): number | null {
  const value = headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}
