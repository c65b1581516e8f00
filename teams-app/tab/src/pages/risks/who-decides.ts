import { hasRole, type Me } from '../../me';
import type { Toleration } from './risk-types';

/**
 * The council the signed-in user decides for on this request, or null: a risk approver of a council the risk
 * belongs to, while that council's decision is pending (as `decisionStateFor` in the API decides it).
 */
export function councilToDecide(toleration: Toleration, me: Me): string | null {
  if (toleration.status !== 'awaiting' || !hasRole(me, 'risk-approver')) return null;
  const council = toleration.councils.find((c) => c.partnerCode === me.caller.partnerCode);
  return council?.state === 'pending' ? council.partnerCode : null;
}

export const canRequestTolerations = (me: Me) => hasRole(me, 'partnership-admin');
