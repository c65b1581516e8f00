import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { DomainError } from '../../shared/errors';
import type { Caller } from '../../shared/identity/caller';
import type { Runtime } from '../../shared/runtime';
import { getRuntime } from '../runtime';
import { callerFromRequest } from './caller-from-request';

export type PublicContext = { request: HttpRequest; context: InvocationContext; runtime: Runtime };
export type ApiContext = PublicContext & { caller: Caller };
/** A body sent as it is rather than as JSON (a CSV report); with a filename, browsers save it as that file. */
export type FileBody = { text: string; contentType: string; filename?: string };
export type ApiResult = { status?: number; body?: unknown; etag?: string; file?: FileBody };

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'precondition-required': 428,
};

const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/** An endpoint anyone may call (health): errors are still mapped and logged the same way. */
export function publicHandler(run: (api: PublicContext) => Promise<ApiResult>): HttpHandler {
  return (request, context) => respond(context, () => run({ request, context, runtime: getRuntime() }));
}

/** An endpoint that needs a verified caller, resolved before the handler runs. */
export function authenticatedHandler(run: (api: ApiContext) => Promise<ApiResult>): HttpHandler {
  return (request, context) =>
    respond(context, async () => {
      const runtime = getRuntime();
      const caller = await callerFromRequest(request, runtime);
      return run({ request, context, runtime, caller });
    });
}

async function respond(context: InvocationContext, run: () => Promise<ApiResult>): Promise<HttpResponseInit> {
  try {
    const result = await run();
    const headers: Record<string, string> = { ...API_HEADERS };
    if (result.etag) headers.etag = result.etag;
    if (result.file)
      return { status: result.status ?? 200, headers: fileHeaders(headers, result.file), body: result.file.text };
    return { status: result.status ?? 200, headers, body: serialize(result.body ?? null) };
  } catch (error) {
    return errorResponse(context, error);
  }
}

const serialized = new WeakMap<object, string>();

/** A frozen body is an answer shared between requests (see `RecentAnswers`): it is serialized once. */
function serialize(body: unknown): string {
  if (body === null || typeof body !== 'object' || !Object.isFrozen(body)) return JSON.stringify(body);
  let text = serialized.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    serialized.set(body, text);
  }
  return text;
}

/** The same security headers as JSON answers, with the file's type and, for a download, its name. */
function fileHeaders(headers: Record<string, string>, file: FileBody): Record<string, string> {
  const withType = { ...headers, 'content-type': file.contentType };
  if (!file.filename) return withType;
  const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return { ...withType, 'content-disposition': `attachment; filename="${filename}"` };
}

function errorResponse(context: InvocationContext, error: unknown): HttpResponseInit {
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    context.warn(`${status} ${error.kind}: ${error.message}`);
    const headers: Record<string, string> = { ...API_HEADERS };
    if (status === 401) headers['www-authenticate'] = 'Bearer realm="ict-partnership-hub"';
    const body = {
      error: {
        code: error.kind,
        message: error.message,
        ...(error.problems.length > 0 ? { problems: error.problems } : {}),
      },
    };
    return { status, headers, body: JSON.stringify(body) };
  }
  context.error('Unhandled error', error);
  return {
    status: 500,
    headers: API_HEADERS,
    body: JSON.stringify({
      error: { code: 'internal', message: `Something went wrong. Quote request ${context.invocationId}.` },
    }),
  };
}
