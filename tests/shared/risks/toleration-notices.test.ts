import { beforeEach, describe, expect, it } from 'vitest';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { markNoticeDelivered, undeliveredNotices } from '../../../shared/risks/toleration-notices';
import { updateRisk } from '../../../shared/risks/update-risk';
import { tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import { admin, at, HDC_RISK, JOINT_RISK, storesWithRisks } from './toleration-fixtures';

describe('the notices outbox', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithRisks();
  });

  it('hands the bot what is undelivered, oldest first, and lets one dispatcher claim each notice', async () => {
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: JOINT_RISK.id }), at(0));
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: HDC_RISK.id }), at(1));
    const pending = await undeliveredNotices(stores, 'p3');
    expect(pending.map((n) => n.record.riskId)).toEqual([JOINT_RISK.id, HDC_RISK.id]);
    const [first] = pending;
    if (!first) throw new Error('no notice');
    const delivered = await markNoticeDelivered(stores, first, at(2)());
    expect(delivered.record.deliveredAt).toBe(at(2)().toISOString());
    await expect(markNoticeDelivered(stores, first)).rejects.toMatchObject({ kind: 'precondition-failed' });
    expect((await undeliveredNotices(stores, 'p3')).map((n) => n.record.riskId)).toEqual([HDC_RISK.id]);
  });

  it('tells the bot to update the cards when the text or rating of a risk under decision changes, and only then', async () => {
    await requestToleration(stores, admin, tolerationRequestInput.parse({ riskId: JOINT_RISK.id }), at(0));
    const changes = async () =>
      (await stores.riskNotices.listAll('p3')).filter((n) => n.record.reason === 'risk-changed').length;
    let risk = await stores.risks.get('p3', JOINT_RISK.id);
    risk = await updateRisk(stores, admin, JOINT_RISK.id, { category: JOINT_RISK.category }, risk?.etag);
    expect(await changes()).toBe(0);
    await updateRisk(stores, admin, JOINT_RISK.id, { probability: 'Likely' }, risk.etag);
    expect(await changes()).toBe(1);
    let other = await stores.risks.get('p3', HDC_RISK.id);
    other = await updateRisk(stores, admin, HDC_RISK.id, { impact: 'High' }, other?.etag);
    expect(await changes()).toBe(1);
  });
});
