import type { HttpRequest } from '@azure/functions';
import { invalidInput, unauthenticated } from '../../shared/errors';
import { type Caller, ROLES, type Role } from '../../shared/identity/caller';
import { findPartnership } from '../../shared/partnerships/find-partnership';
import type { Runtime } from '../../shared/runtime';

/**
 * The one place a request becomes a verified caller; handlers receive the result and never read identity
 * from the request themselves. Until sign-in arrives only the development caller exists: on a development
 * machine the X-Dev-Partnership, X-Dev-Partner and X-Dev-Roles headers choose who is calling (defaulting to a
 * partnership administrator of the configured partnership). Production has no development caller, so every
 * protected route answers 401 there.
 */
export async function callerFromRequest(request: HttpRequest, runtime: Runtime): Promise<Caller> {
  const { devCaller } = runtime.settings;
  if (!devCaller.enabled) throw unauthenticated('Sign-in is required.');

  const partnershipId = request.headers.get('x-dev-partnership') ?? devCaller.defaultPartnership;
  const partnership = await findPartnership(runtime.stores, partnershipId);
  const partnerCode =
    request.headers.get('x-dev-partner') ?? partnership.hostPartnerCode ?? partnership.partners[0]?.code;
  const partner = partnership.partners.find((p) => p.code === partnerCode);
  if (!partner) throw unauthenticated('Unknown partner.');

  const roles = parseRoles(request.headers.get('x-dev-roles'));
  return {
    partnershipId: partnership.id,
    partnerCode: partner.code,
    roles,
    userId: `dev:${partner.code.toLowerCase()}`,
    name: `Development user (${partner.shortName})`,
  };
}

function parseRoles(header: string | null): Role[] {
  if (header === null) return [...ROLES];
  const roles = header
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) {
    throw invalidInput('Unknown role.', [{ path: 'X-Dev-Roles', message: `roles are ${ROLES.join(', ')}` }]);
  }
  return roles as Role[];
}
