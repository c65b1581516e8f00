import type { Population } from './population';
import { GraphRequestError, project, USER_FIELDS } from './users-query';

/** Graph keeps a directory delta token for a limited time; after it, the client must start again (410). */
export const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_PAGE = 200;
const MAX_PAGE = 999;

type DeltaState = { select: string[]; since: number; upTo: number; offset: number; initial: boolean };
type DeltaToken = { select: string[]; version: number; issuedAt: number };

/**
 * One page of `/users/delta`, as Graph pages it: without a token, every user, ending with an `@odata.deltaLink`;
 * with the `$deltatoken` of that link, only the users changed since, ending with a new delta link; with
 * `$deltatoken=latest`, no users and a delta link at the current version. Page size comes
 * from `Prefer: odata.maxpagesize`. A token older than Graph's lifetime, or any token once `expireTokens` is set,
 * gets 410 Gone: the client must run a full scan again.
 */
export function usersDeltaPage(options: {
  population: Population;
  tenantIndex: number;
  params: URLSearchParams;
  prefer: string | undefined;
  baseUrl: string;
  now: number;
  expireTokens?: boolean;
}): Record<string, unknown> {
  const { population, tenantIndex, params } = options;
  const pageSize = Math.min(
    MAX_PAGE,
    Number(/odata\.maxpagesize=(\d+)/.exec(options.prefer ?? '')?.[1] ?? DEFAULT_PAGE),
  );
  const state = stateFrom(params, population, options);

  const positions = state.initial
    ? null
    : population.changedSince(tenantIndex, state.since).filter((position) => position >= 0);
  const total = positions ? positions.length : population.size(tenantIndex);
  const end = Math.min(total, state.offset + pageSize);
  const value: Record<string, unknown>[] = [];
  for (let i = state.offset; i < end; i++) {
    value.push(project(population.userAt(tenantIndex, positions ? (positions[i] as number) : i), state.select));
  }
  const page: Record<string, unknown> = { '@odata.context': `${options.baseUrl}/v1.0/$metadata#users`, value };
  if (end < total) {
    page['@odata.nextLink'] = `${options.baseUrl}/v1.0/users/delta?$skiptoken=${encode({ ...state, offset: end })}`;
  } else {
    const token: DeltaToken = { select: state.select, version: state.upTo, issuedAt: options.now };
    page['@odata.deltaLink'] = `${options.baseUrl}/v1.0/users/delta?$deltatoken=${encode(token)}`;
  }
  return page;
}

function stateFrom(
  params: URLSearchParams,
  population: Population,
  options: { now: number; expireTokens?: boolean },
): DeltaState {
  const skip = params.get('$skiptoken');
  if (skip) return decode<DeltaState>(skip);
  const deltaToken = params.get('$deltatoken');
  if (deltaToken === 'latest') {
    // Graph's way to start tracking from now without reading everyone: no users, a delta link at this version.
    const version = population.version();
    return { select: selectFrom(params), since: version, upTo: version, offset: 0, initial: false };
  }
  if (deltaToken) {
    const token = decode<DeltaToken>(deltaToken);
    if (options.expireTokens || options.now - token.issuedAt > DELTA_TOKEN_LIFETIME_MS) {
      throw new GraphRequestError(
        410,
        'syncStateNotFound',
        'The sync state is no longer valid: start again without a delta token.',
      );
    }
    return { select: token.select, since: token.version, upTo: population.version(), offset: 0, initial: false };
  }
  return { select: selectFrom(params), since: 0, upTo: population.version(), offset: 0, initial: true };
}

function selectFrom(params: URLSearchParams): string[] {
  const select = (params.get('$select') ?? 'id,displayName').split(',').map((field) => field.trim());
  const unknown = select.find((field) => !(USER_FIELDS as readonly string[]).includes(field));
  if (unknown) {
    throw new GraphRequestError(
      400,
      'Request_BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
    );
  }
  return select;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new GraphRequestError(400, 'Request_BadRequest', 'The token is not valid.');
  }
}
