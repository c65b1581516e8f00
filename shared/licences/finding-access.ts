import type { Caller } from '../identity/caller';
import type { Finding } from './find-waste';
import { actsForEveryCouncil, requireLicenceAdmin } from './licence-admin-scope';

/**
 * How much of a partnership's licence data a caller may read. Licence data names people and their seats in every
 * council, so it is not for all staff: the shared service's administrator sees every council, and a council's
 * licence administrator sees their own council, including the cross-tenant findings that involve it (those are
 * the point of the reconciler), but no other council's own findings or figures.
 */
export type LicenceScope = { kind: 'partnership' } | { kind: 'council'; partnerCode: string };

/** Throws 403 unless the caller may read licence data at all; otherwise says how much. */
export function licenceScope(caller: Caller): LicenceScope {
  requireLicenceAdmin(caller);
  return actsForEveryCouncil(caller) ? { kind: 'partnership' } : { kind: 'council', partnerCode: caller.partnerCode };
}

/** Whether figures or files of one council (totals, its report) are visible in this scope. */
export function canSeeCouncil(scope: LicenceScope, partnerCode: string): boolean {
  return scope.kind === 'partnership' || scope.partnerCode === partnerCode;
}

/** Whether a finding is visible: it must involve the caller's council unless they see the whole partnership. */
export function canSeeFinding(scope: LicenceScope, finding: Pick<Finding, 'partnerCodes'>): boolean {
  return scope.kind === 'partnership' || finding.partnerCodes.includes(scope.partnerCode);
}

/** Keeps the entries of a per-council record the scope may see. */
export function visibleCouncils<T>(scope: LicenceScope, byPartner: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(byPartner).filter(([code]) => canSeeCouncil(scope, code)));
}
