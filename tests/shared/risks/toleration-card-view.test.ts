import { beforeEach, describe, expect, it } from 'vitest';
import { riskTolerationCard } from '../../../shared/cards/risk-toleration-card';
import { decideToleration } from '../../../shared/risks/decide-toleration';
import { loadTolerationView } from '../../../shared/risks/read-tolerations';
import { requestToleration } from '../../../shared/risks/request-toleration';
import { toCardView } from '../../../shared/risks/toleration-card-view';
import { decisionStateFor } from '../../../shared/risks/toleration-view';
import { updateRisk } from '../../../shared/risks/update-risk';
import { tolerationRequestInput } from '../../../shared/schemas/risk-tolerations';
import type { Stores } from '../../../shared/stores/stores';
import { admin, approver, at, JOINT_RISK, storesWithRisks } from './toleration-fixtures';

describe('toCardView', () => {
  let stores: Stores;
  let id: string;
  beforeEach(async () => {
    stores = await storesWithRisks();
    const asked = await requestToleration(
      stores,
      admin,
      tolerationRequestInput.parse({ riskId: JOINT_RISK.id, note: 'Industry practice', reviewDays: 120 }),
      at(0),
    );
    id = asked.toleration.id;
  });

  it('shows the risk as it stands, each decision with who and when, and decisions made on an earlier version', async () => {
    await decideToleration(stores, approver('CCC'), id, { response: 'tolerate', comment: 'Fine' }, { now: at(1) });
    const risk = await stores.risks.get('p3', JOINT_RISK.id);
    await updateRisk(stores, admin, JOINT_RISK.id, { impact: 'High' }, risk?.etag, at(2));
    const card = toCardView(await loadTolerationView(stores, 'p3', id), [{ councilCode: 'HDC', teamsUserId: '29:x' }]);
    expect(card).toMatchObject({
      tolerationId: id,
      riskId: JOINT_RISK.id,
      round: 1,
      joint: true,
      councils: [{ code: 'CCC', name: 'Cambridge City Council' }, { code: 'HDC' }, { code: 'SCDC' }],
      risk: { category: 'Witness Host', impact: 'High', score: 8, level: 'Medium' },
      request: { by: 'User of HDC', reviewDays: 120, note: 'Industry practice', responses: ['tolerate', 'treat'] },
      changedSinceRequest: true,
      outcome: { state: 'awaiting' },
      expiresAt: null,
      pendingApprovers: [{ councilCode: 'HDC', teamsUserId: '29:x' }],
    });
    expect(card.decisions).toEqual([
      {
        councilCode: 'CCC',
        response: 'tolerate',
        by: { userId: 'approver-CCC-1', name: 'Approver 1 of CCC' },
        at: at(1)().toISOString(),
        comment: 'Fine',
        onEarlierVersion: true,
      },
    ]);
  });

  it('gives the card builder what it needs to show buttons to an approver still to decide', async () => {
    const view = await loadTolerationView(stores, 'p3', id);
    const viewer = approver('SCDC');
    const card = riskTolerationCard(
      toCardView(view),
      {
        userId: viewer.userId,
        name: viewer.name,
        councilCode: viewer.partnerCode,
        canDecide: decisionStateFor(view, viewer).kind === 'can-decide',
      },
      { tabUrl: 'https://hub.example.org/' },
    );
    const verbs = [...JSON.stringify(card).matchAll(/"verb":"(\w+)"/g)].map((match) => match[1]);
    expect(verbs).toEqual(expect.arrayContaining(['tolerate', 'treat']));
    expect(verbs).not.toContain('terminate');
    expect(JSON.stringify(card)).toContain(`"riskVersion":"${view.riskNow?.version}"`);
    await decideToleration(stores, approver('HDC'), id, { response: 'treat', comment: '' }, { now: at(3) });
    expect(toCardView(await loadTolerationView(stores, 'p3', id)).outcome).toEqual({
      state: 'decided',
      response: 'treat',
      at: at(3)().toISOString(),
    });
  });
});
