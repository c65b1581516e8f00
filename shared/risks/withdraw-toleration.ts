import { DomainError } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { Stores } from '../stores/stores';
import { viewOf } from './read-tolerations';
import { queueNotice } from './toleration-notices';
import { actorOf, changeToleration } from './toleration-rules';
import type { TolerationView } from './toleration-view';

/**
 * A partnership administrator withdraws a request still awaiting decisions (to ask again with other terms, or
 * because it was sent in error); its cards then say so. Withdrawing it again answers it as it is; a round already
 * settled or expired cannot be withdrawn (409). An If-Match, when sent, must be current.
 */
export async function withdrawToleration(
  stores: Pick<Stores, 'partnerships' | 'risks' | 'riskTolerations' | 'riskNotices' | 'audit'>,
  caller: Caller,
  id: string,
  etag: string | undefined,
  now: () => Date = () => new Date(),
): Promise<TolerationView> {
  requireRole(caller, 'partnership-admin');
  const at = now();
  const { current, written } = await changeToleration(
    stores,
    caller,
    id,
    'risk.toleration.withdraw',
    etag,
    ({ record }) => {
      if (record.status === 'withdrawn') return { answer: null };
      if (record.status !== 'awaiting') {
        throw new DomainError(
          'conflict',
          `This request is ${record.status}; only one awaiting decisions can be withdrawn.`,
        );
      }
      const actor = actorOf(caller);
      return {
        write: { ...record, status: 'withdrawn', withdrawnAt: at.toISOString(), withdrawnBy: actor },
        answer: null,
      };
    },
  );
  if (written) {
    const event = { kind: 'toleration-updated', reason: 'withdrawn', key: 'withdrawn' } as const;
    await queueNotice(stores, written.record, event, at);
  }
  return viewOf(stores, caller.partnershipId, current, at);
}
