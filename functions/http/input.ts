import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { DomainError, invalidInput } from '../../shared/errors';
import { toProblems } from '../../shared/plan/validate-plan-document';
import { MAX_PAGE_SIZE, type PageRequest } from '../../shared/stores/record-store';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Parses a value with a schema, reporting every problem under `where` (query, body, params). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = toProblems(parsed.error).map((p) => ({ ...p, path: p.path ? `${where}.${p.path}` : where }));
  throw invalidInput(`The ${where} is not valid.`, problems);
}

export function parseQuery<S extends z.ZodType>(request: HttpRequest, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(request.query.entries()), 'query');
}

/** Reads a JSON body, refusing a wrong media type, an oversized body or malformed JSON with a clear 4xx. */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError('invalid-input', 'Send the body as application/json.');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw invalidInput(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw invalidInput(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (text.trim() === '') throw invalidInput('The body is empty; send a JSON document.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidInput(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads a CSV body (an HR feed), refusing another media type, an oversized body or an empty one with a clear 400,
 * under the same size limit as JSON bodies.
 */
export async function readCsvBody(request: HttpRequest): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^text\/csv\b/i.test(type)) {
    throw invalidInput(`Send the file as text/csv, not ${type ? `"${type}"` : 'without a content type'}.`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw invalidInput(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw invalidInput(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (text.trim() === '') throw invalidInput('The body is empty; send a CSV file with a header line.');
  return text;
}

const pageQuery = z
  .object({
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    continuationToken: z.string().min(1).max(8192).optional(),
  })
  .strict();

export function parsePageRequest(request: HttpRequest): PageRequest {
  return parseQuery(request, pageQuery);
}

/** The ETag a write is conditional on, from If-Match. */
export function ifMatch(request: HttpRequest): string | undefined {
  return request.headers.get('if-match') ?? undefined;
}
