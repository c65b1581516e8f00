import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecuredApp, startSecuredApp } from '../support/secured-app';

const USERS = {
  shareServiceAdmin: 'sam.smith@huntingdonshire.example',
  hdcStaff: 'jo.baker@huntingdonshire.example',
  cityApprover: 'fiona.bryant@cambridge.example',
  otherPartnershipAdmin: 'sue.grace@cambridgeshire.example',
};
const RISK = 'risk-hdc-firewalls';

/**
 * Each write, by each kind of caller: staff, an approver of another council, a user of the other demo
 * partnership are refused and change nothing; the shared service's administrator is allowed, and audited.
 */
describe('who may write what', () => {
  let app: SecuredApp;
  const call = async (
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await app.tokenFor(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as any };
  };
  const riskAsAdmin = () => call(USERS.shareServiceAdmin, 'GET', `risks/${RISK}`);
  const auditCount = async () => (await call(USERS.shareServiceAdmin, 'GET', 'audit?pageSize=200')).body.items.length;
  const plan3c = () => app.datasets.find((d) => d.partnership.id === '3c-ict')?.documents[0];

  beforeAll(async () => {
    app = await startSecuredApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const refusals: [string, string, number][] = [
    ['staff', USERS.hdcStaff, 403],
    ['an approver of another council', USERS.cityApprover, 403],
    ['a user of the other partnership', USERS.otherPartnershipAdmin, 404],
  ];

  for (const [who, user, status] of refusals) {
    it(`refuses a risk change by ${who} (${status}) and changes nothing`, async () => {
      const before = await riskAsAdmin();
      const audited = await auditCount();
      const attempt = await call(
        user,
        'PATCH',
        `risks/${RISK}`,
        { impact: 'High' },
        { 'if-match': before.etag as string },
      );
      expect(attempt.status).toBe(status);
      const after = await riskAsAdmin();
      expect(after.etag).toBe(before.etag);
      expect(after.body).toEqual(before.body);
      expect(await auditCount()).toBe(audited);
    });

    it(`refuses a plan import by ${who} and changes nothing`, async () => {
      const before = await call(USERS.shareServiceAdmin, 'GET', 'plan?year=2020-21');
      const audited = await auditCount();
      const changed = { ...plan3c(), plan: { ...plan3c()?.plan, title: 'Hijacked plan' } };
      const attempt = await call(user, 'POST', 'plan/import', changed);
      expect(attempt.status).toBe(403);
      const after = await call(USERS.shareServiceAdmin, 'GET', 'plan?year=2020-21');
      expect(after.etag).toBe(before.etag);
      expect(after.body.title).toBe(before.body.title);
      expect(await auditCount()).toBe(audited);
    });
  }

  it('refuses the audit trail to anyone but a partnership administrator', async () => {
    expect((await call(USERS.hdcStaff, 'GET', 'audit')).status).toBe(403);
    expect((await call(USERS.cityApprover, 'GET', 'audit')).status).toBe(403);
  });

  it('lets the shared service administrator change a risk, and audits who, what and the ETags', async () => {
    const before = await riskAsAdmin();
    const changed = await call(
      USERS.shareServiceAdmin,
      'PATCH',
      `risks/${RISK}`,
      { impact: 'Medium' },
      {
        'if-match': before.etag as string,
      },
    );
    expect(changed.status).toBe(200);
    const [latest] = (await call(USERS.shareServiceAdmin, 'GET', 'audit?pageSize=1')).body.items;
    expect(latest).toMatchObject({
      action: 'risk.update',
      target: { kind: 'risks', id: RISK },
      etagBefore: before.etag,
      etagAfter: changed.etag,
      actor: { name: 'Sam Smith', partnerCode: 'HDC' },
    });
    expect(latest.actor.tenantId).toBe(app.datasets[0]?.partnership.partners.find((p) => p.code === 'HDC')?.tenantId);
  });

  it('keeps each partnership to its own audit trail', async () => {
    const theirs = await call(USERS.otherPartnershipAdmin, 'GET', 'audit?pageSize=200');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.every((entry: any) => entry.partnershipId === 'cambs-pboro')).toBe(true);
  });
});
