import type { HttpRequest } from '@azure/functions';
import { unauthenticated } from '../../shared/errors';
import { claimedTenant } from '../../shared/identity/access-token-verifier';
import { type Caller, knownRoles } from '../../shared/identity/caller';
import type { Runtime } from '../../shared/runtime';

/**
 * The one place a request becomes a verified caller; handlers receive the result and never read identity from
 * the request themselves. The caller's partnership and council come from the tenant that issued the verified
 * token, and their roles from the token's app roles: never from anything else the request says.
 */
export async function callerFromRequest(request: HttpRequest, runtime: Runtime): Promise<Caller> {
  const token = bearerToken(request);
  const tenantId = claimedTenant(token);
  const partnership = await runtime.tenants.partnershipOf(tenantId);
  const partner = partnership?.partners.find((p) => p.tenantId.toLowerCase() === tenantId);
  if (!partnership || !partner) throw unauthenticated('The access token is not valid.');

  const verified = await runtime.tokens.verify(token, tenantId);
  return {
    partnershipId: partnership.id,
    partnerCode: partner.code,
    roles: knownRoles(verified.roles),
    tenantId,
    userId: verified.objectId,
    name: verified.name,
  };
}

function bearerToken(request: HttpRequest): string {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(
    request.headers.get('authorization') ?? '',
  );
  if (!match?.[1]) throw unauthenticated('Sign-in is required.');
  return match[1];
}
