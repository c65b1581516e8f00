import { SEAT_SCAN_FIELDS } from '../../../shared/licences/graph-user';
import type { SimulatedGraphUser } from './population';

/** Fields the simulated Graph can return for a user; anything else in `$select` is a bad request, as in Graph. */
export const USER_FIELDS = [...SEAT_SCAN_FIELDS, 'employeeHireDate', 'signInActivity'] as const;
const DEFAULT_FIELDS = ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'];
const LICENSED_FILTER = /^assignedLicenses\/\$count ne 0$/i;

export const MAX_PAGE = 999;
/** Graph allows smaller pages when sign-in activity is selected. */
export const MAX_PAGE_WITH_SIGN_IN = 500;

export type UsersQuery = {
  select: string[];
  licensedOnly: boolean;
  /** A range of userPrincipalName (`ge` / `le`, compared without case), as Graph filters it: for split scans. */
  upnFrom: string | null;
  upnTo: string | null;
  count: boolean;
  top: number;
};

const UPN_CLAUSE = /^userPrincipalName (ge|le) '((?:[^']|'')*)'$/i;

export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads `$select`, `$filter`, `$count` and `$top` as Graph does for `/users`, refusing what Graph refuses. */
export function parseUsersQuery(params: URLSearchParams, consistencyLevel: string | undefined): UsersQuery {
  const select = (params.get('$select') ?? DEFAULT_FIELDS.join(','))
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const unknown = select.filter((field) => !(USER_FIELDS as readonly string[]).includes(field));
  if (unknown.length > 0) {
    throw new GraphRequestError(
      400,
      'Request_BadRequest',
      `Could not find a property named '${unknown[0]}' on type 'microsoft.graph.user'.`,
    );
  }
  const filter = params.get('$filter');
  let licensedOnly = false;
  let upnFrom: string | null = null;
  let upnTo: string | null = null;
  for (const clause of filter === null ? [] : filter.trim().split(/\s+and\s+/i)) {
    const upn = UPN_CLAUSE.exec(clause.trim());
    if (LICENSED_FILTER.test(clause.trim())) licensedOnly = true;
    else if (upn?.[1]?.toLowerCase() === 'ge') upnFrom = (upn[2] ?? '').replace(/''/g, "'").toLowerCase();
    else if (upn?.[1]?.toLowerCase() === 'le') upnTo = (upn[2] ?? '').replace(/''/g, "'").toLowerCase();
    else {
      throw new GraphRequestError(
        400,
        'Request_UnsupportedQuery',
        'Unsupported or invalid query filter clause specified.',
      );
    }
  }
  const count = params.get('$count') === 'true';
  if ((licensedOnly || count) && consistencyLevel?.toLowerCase() !== 'eventual') {
    throw new GraphRequestError(
      400,
      'Request_UnsupportedQuery',
      "Unsupported query: advanced queries need the header 'ConsistencyLevel: eventual' and $count=true.",
    );
  }
  const max = select.includes('signInActivity') ? MAX_PAGE_WITH_SIGN_IN : MAX_PAGE;
  const top = Number(params.get('$top') ?? 100);
  if (!Number.isInteger(top) || top < 1 || top > max) {
    throw new GraphRequestError(
      400,
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${params.get('$top')}'. Must be between 1 and ${max}.`,
    );
  }
  return { select, licensedOnly, upnFrom, upnTo, count, top };
}

/** The user with only the selected fields, as Graph returns it. */
export function project(user: SimulatedGraphUser, select: readonly string[]): Record<string, unknown> {
  const record = user as unknown as Record<string, unknown>;
  return Object.fromEntries(select.map((field) => [field, record[field] ?? null]));
}

export const isLicensed = (user: SimulatedGraphUser) => user.assignedLicenses.length > 0;

/** Whether a user passes the query's filter: licensed, and within the userPrincipalName range. */
export function matchesFilter(user: SimulatedGraphUser, query: Omit<UsersQuery, 'select' | 'count' | 'top'>): boolean {
  if (query.licensedOnly && !isLicensed(user)) return false;
  const upn = user.userPrincipalName.toLowerCase();
  return (query.upnFrom == null || upn >= query.upnFrom) && (query.upnTo == null || upn <= query.upnTo);
}

/** `$skiptoken`: where the next page starts and the query it continues, opaque to clients as Graph's is. */
export function encodeSkipToken(query: UsersQuery, position: number): string {
  return Buffer.from(JSON.stringify({ ...query, position })).toString('base64url');
}

export function decodeSkipToken(token: string): UsersQuery & { position: number } {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value.position === 'number' && Array.isArray(value.select)) return value;
  } catch {
    // fall through
  }
  throw new GraphRequestError(400, 'Request_BadRequest', 'The $skiptoken is not valid.');
}
