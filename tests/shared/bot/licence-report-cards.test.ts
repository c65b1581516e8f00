import { beforeEach, describe, expect, it } from 'vitest';
import { sendLicenceReportCards } from '../../../shared/bot/licence-report-cards';
import type { Finding } from '../../../shared/licences/find-waste';
import type { Stores } from '../../../shared/stores/stores';
import { expectValidAdaptiveCard } from '../../support/adaptive-card-validator';
import { storesWithPartnership, threeCouncils } from '../../support/memory-partnership';
import { finding, licenceRun } from '../licences/licence-fixtures';
import { fakeMessenger } from './delivery-fixtures';

const context = { tabUrl: 'https://hub.example.org/' };
const RUN = licenceRun(22);

/** A cross-tenant finding (CCC's seat goes), one of HDC's own and one of SCDC's own. */
const findings: Finding[] = [
  finding('dup-ccc-hdc', ['HDC', 'CCC'], 'duplicate-seat', 39_600),
  finding('leaver-hdc', ['HDC'], 'leaver-licensed', 8_040),
  finding('inactive-scdc', ['SCDC'], 'inactive-licensed', 12_000),
];

const objectIdOf = (code: string, n: number) =>
  `00000000-0000-4000-8000-0000000001${code === 'CCC' ? '1' : code === 'HDC' ? '2' : '3'}${n}`;

/**
 * Each council's approvers: CCC and HDC have a licence administrator with the app installed, SCDC's has not
 * installed it; CCC's risk approver (not a licence administrator) has.
 */
async function withLicenceAdmins(stores: Stores): Promise<void> {
  const install = async (code: string, objectId: string) => {
    const partner = threeCouncils.partners.find((p) => p.code === code);
    if (!partner) throw new Error(code);
    await stores.conversationReferences.create({
      id: `${partner.tenantId}:${objectId}`,
      partnershipId: 'p3',
      sequence: 0,
      partnerCode: code,
      tenantId: partner.tenantId,
      userObjectId: objectId,
      teamsUserId: `29:${code}-${objectId.slice(-1)}`,
      userName: null,
      botId: '28:bot',
      conversationId: `a:${code}:${objectId}`,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
  };
  for (const { code } of threeCouncils.partners.map((p) => ({ code: p.code }))) {
    const approvers = [
      { objectId: objectIdOf(code, 1), name: `Licence admin of ${code}`, roles: ['licence-admin' as const] },
      { objectId: objectIdOf(code, 2), name: `Risk approver of ${code}`, roles: ['risk-approver' as const] },
    ];
    await stores.approvers.create({ id: code, partnershipId: 'p3', sequence: 0, partnerCode: code, approvers });
    if (code !== 'SCDC') await install(code, objectIdOf(code, 1));
    await install(code, objectIdOf(code, 2));
  }
}

describe('the licence report card after a scheduled reconciliation', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
    await withLicenceAdmins(stores);
    await stores.licenceFindings.saveAll('p3', RUN.id, findings);
  });

  it("sends each council's installed licence administrators that council's figures only", async () => {
    const { messenger, calls } = fakeMessenger();
    const deliveries = await sendLicenceReportCards(stores, messenger, RUN, context);
    expect(deliveries).toEqual([
      { partnerCode: 'CCC', sent: 1, notInstalled: 0, failed: [] },
      { partnerCode: 'HDC', sent: 1, notInstalled: 0, failed: [] },
      { partnerCode: 'SCDC', sent: 0, notInstalled: 1, failed: [] },
    ]);
    // Only the licence administrators: no risk approver, and nobody of SCDC, whose administrator has no app.
    expect(calls.map((call) => [call.kind, call.to])).toEqual([
      ['send', '29:CCC-1'],
      ['send', '29:HDC-1'],
    ]);
    const cardTo = (to: string) => calls.find((call) => call.to === to)?.card;
    for (const call of calls) expectValidAdaptiveCard(call.card);

    const ccc = JSON.stringify(cardTo('29:CCC-1'));
    expect(ccc).toContain('£396.00 a year in 1 findings');
    expect(ccc).toContain('Person dup-ccc-hdc');
    expect(ccc).not.toContain('leaver-hdc');
    expect(ccc).not.toContain('inactive-scdc');
    expect(ccc).not.toMatch(/"HDC"|"SCDC"/);

    const hdc = JSON.stringify(cardTo('29:HDC-1'));
    // HDC's own leaver costs HDC; the cross-tenant seat to remove is CCC's, so it costs HDC nothing.
    expect(hdc).toContain('£80.40 a year in 2 findings');
    expect(hdc).toContain('Person leaver-hdc');
    expect(hdc).toContain('Leavers still licensed');
    expect(hdc).not.toContain('inactive-scdc');
    expect(hdc).not.toContain('Disabled accounts');

    // Links to the tab's licence page and the council's CSV of this run.
    expect(ccc).toContain('https://hub.example.org/');
    expect(ccc).toContain(`https://hub.example.org/#/licences/runs/${RUN.id}`);
    expect(ccc).toContain('Download the CSV');
  });

  it('reports a failed send without throwing, and stops at no council', async () => {
    const { messenger, state } = fakeMessenger();
    state.failSends = true;
    const deliveries = await sendLicenceReportCards(stores, messenger, RUN, context);
    expect(deliveries.map((d) => [d.partnerCode, d.sent, d.failed.length])).toEqual([
      ['CCC', 0, 1],
      ['HDC', 0, 1],
      ['SCDC', 0, 0],
    ]);
    expect(deliveries[0]?.failed[0]).toContain('Bot Connector unavailable');
  });
});
