import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewTolerationsFunction } from '../../../functions/risks/review-tolerations';
import { reviewTolerations } from '../../../shared/risks/review-tolerations';
import { type SecuredApp, startSecuredApp } from '../../support/secured-app';

const USERS = {
  admin: 'sam.smith@huntingdonshire.example',
  hdcApprover: 'oliver.morley@huntingdonshire.example',
  cityApprover: 'fiona.bryant@cambridge.example',
  scdcApprover: 'mike.hill@scambs.example',
  hdcStaff: 'jo.baker@huntingdonshire.example',
  otherApprover: 'nina.patel@peterborough.example',
  otherAdmin: 'sue.grace@cambridgeshire.example',
};
const JOINT = 'risk-joint-witness-host';
const HDC_ONLY = 'risk-hdc-firewalls';
const DAY = 24 * 60 * 60_000;

/**
 * Risk tolerations over real HTTP, tokens from the simulated tenants, Cosmos DB through the SDK: the shared service
 * asks, each council's approver answers for their council only, a joint risk needs every council, a race records one
 * decision per council, and the daily review reminds and asks again.
 */
describe('risk toleration API', () => {
  let app: SecuredApp;
  const call = async (
    user: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${await app.tokenFor(user)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as any };
  };
  const writes = async () => ({
    tolerations: (await app.runtime.stores.riskTolerations.listAll('3c-ict')).map((r) => [r.record.id, r.etag]),
    notices: (await app.runtime.stores.riskNotices.listAll('3c-ict')).length,
    audit: (await app.runtime.stores.audit.listAll('3c-ict')).length,
  });
  const decide = (user: string, id: string, body: unknown = { response: 'tolerate', comment: 'Accepted' }) =>
    call(user, 'POST', `tolerations/${id}/decisions`, body);

  beforeAll(async () => {
    app = await startSecuredApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses the toleration routes without a token (401)', async () => {
    for (const [method, path] of [
      ['GET', 'risk-register'],
      ['GET', 'tolerations'],
      ['POST', 'tolerations'],
      ['POST', 'tolerations/tol-x/decisions'],
    ] as const) {
      expect((await call(null, method, path, method === 'POST' ? {} : undefined)).status, path).toBe(401);
    }
  });

  it('lets the partnership administrator ask; a retry answers the same request; others may not ask', async () => {
    const before = await writes();
    for (const [user, status] of [
      [USERS.hdcApprover, 403],
      [USERS.hdcStaff, 403],
      [USERS.otherAdmin, 404],
    ] as const) {
      expect((await call(user, 'POST', 'tolerations', { riskId: HDC_ONLY })).status, user).toBe(status);
    }
    expect(await writes()).toEqual(before);
    const invalid = await call(USERS.admin, 'POST', 'tolerations', { riskId: HDC_ONLY, responses: ['tolerate'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.problems[0].path).toBe('body.responses');

    const asked = await call(USERS.admin, 'POST', 'tolerations', { riskId: HDC_ONLY, note: 'As recommended' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      id: 'tol-risk-hdc-firewalls-r1',
      status: 'awaiting',
      partnerCodes: ['HDC'],
      reviewDays: 90,
      requestedBy: { name: 'Sam Smith', partnerCode: 'HDC' },
    });
    expect(asked.etag).toBe(asked.body.etag);
    const retry = await call(USERS.admin, 'POST', 'tolerations', { riskId: HDC_ONLY, note: 'As recommended' });
    expect(retry.status).toBe(200);
    expect(retry.body.etag).toBe(asked.body.etag);
    expect((await call(USERS.admin, 'POST', 'tolerations', { riskId: HDC_ONLY, reviewDays: 30 })).status).toBe(409);
  });

  it('refuses staff, an approver of another council and a user of the other partnership; nothing is recorded', async () => {
    const id = 'tol-risk-hdc-firewalls-r1';
    const before = await writes();
    expect((await decide(USERS.hdcStaff, id)).status).toBe(403);
    const other = await decide(USERS.cityApprover, id);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('HDC');
    expect((await decide(USERS.otherApprover, id)).status).toBe(404);
    expect((await call(USERS.otherApprover, 'GET', `tolerations/${id}`)).status).toBe(404);
    expect((await call(USERS.otherAdmin, 'POST', `tolerations/${id}/withdraw`)).status).toBe(404);
    expect(await writes()).toEqual(before);
    expect((await call(USERS.otherApprover, 'GET', 'tolerations')).body.items).toEqual([]);
  });

  it("records the HDC approver's toleration with the risk as decided, and the register shows it until expiry", async () => {
    const id = 'tol-risk-hdc-firewalls-r1';
    const decided = await decide(USERS.hdcApprover, id, { response: 'tolerate', comment: 'BCP reviewed' });
    expect(decided.status).toBe(201);
    expect(decided.body.result).toBe('recorded');
    expect(decided.body.toleration).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    expect(decided.body.toleration.decisions[0]).toMatchObject({
      partnerCode: 'HDC',
      comment: 'BCP reviewed',
      decidedBy: { name: 'Oliver Morley', partnerCode: 'HDC' },
      riskSnapshot: { category: 'Firewalls', level: 'Unrated' },
    });
    const before = await writes();
    const replay = await decide(USERS.hdcApprover, id, { response: 'treat' });
    expect(replay.status).toBe(200);
    expect(replay.body.result).toBe('closed');
    expect(await writes()).toEqual(before);

    const register = await call(USERS.hdcStaff, 'GET', 'risk-register?council=HDC');
    expect(register.status).toBe(200);
    const entry = register.body.risks.find((r: any) => r.id === HDC_ONLY);
    expect(entry.toleration).toMatchObject({ status: 'tolerated', tolerationId: id });
    expect(entry.toleration.expiresAt).toBe(decided.body.toleration.expiresAt);
    expect(register.body.matrix.cells).toHaveLength(16);
    expect((await call(USERS.hdcStaff, 'GET', 'risk-register?council=PCC')).status).toBe(400);
    const history = await call(USERS.cityApprover, 'GET', `risks/${HDC_ONLY}/tolerations`);
    expect(history.body.items.map((t: any) => [t.id, t.decisions[0]?.comment])).toEqual([[id, 'BCP reviewed']]);
  });

  it('tolerates a joint risk only when every council has, and lists what awaits each council', async () => {
    const asked = await call(USERS.admin, 'POST', 'tolerations', { riskId: 'risk-joint-monitoring' });
    const id = asked.body.id as string;
    await decide(USERS.cityApprover, id);
    await decide(USERS.hdcApprover, id);
    const waiting = await call(USERS.scdcApprover, 'GET', 'tolerations?awaitingCouncil=SCDC&state=awaiting');
    expect(waiting.body.items.map((t: any) => t.id)).toEqual([id]);
    expect((await call(USERS.hdcApprover, 'GET', 'tolerations?awaitingCouncil=HDC')).body.items).toEqual([]);
    expect((await call(USERS.hdcStaff, 'GET', `tolerations/${id}`)).body).toMatchObject({
      status: 'awaiting',
      pendingCouncils: ['SCDC'],
    });
    const last = await decide(USERS.scdcApprover, id);
    expect(last.body.toleration).toMatchObject({ status: 'decided', outcome: 'tolerate', pendingCouncils: [] });
  });

  it('records exactly one decision per council when 50 decisions race on one risk, with no server error', async () => {
    const asked = await call(USERS.admin, 'POST', 'tolerations', { riskId: JOINT });
    const id = asked.body.id as string;
    const auditBefore = (await app.runtime.stores.audit.listAll('3c-ict')).length;
    const approvers = [USERS.cityApprover, USERS.hdcApprover, USERS.scdcApprover];
    await Promise.all(approvers.map((user) => app.tokenFor(user)));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => decide(approvers[i % 3] as string, id, { response: 'tolerate' })),
    );
    expect(answers.filter((a) => a.status >= 300)).toEqual([]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const stored = await app.runtime.stores.riskTolerations.get('3c-ict', id);
    expect(stored?.record.decisions.map((d) => d.partnerCode).sort()).toEqual(['CCC', 'HDC', 'SCDC']);
    expect(stored?.record).toMatchObject({ status: 'decided', outcome: 'tolerate' });
    const audit = (await app.runtime.stores.audit.listAll('3c-ict')).slice(auditBefore);
    expect(audit.filter((e) => e.record.action === 'risk.toleration.decide')).toHaveLength(3);
  });

  it('marks a pending decision out of date when the risk changes, and refuses a card that showed the old risk', async () => {
    const asked = await call(USERS.admin, 'POST', 'tolerations', { riskId: 'risk-scdc-firewalls' });
    const id = asked.body.id as string;
    const shownVersion = asked.body.riskNow.version as string;
    const risk = await call(USERS.admin, 'GET', 'risks/risk-scdc-firewalls');
    const patched = await call(
      USERS.admin,
      'PATCH',
      'risks/risk-scdc-firewalls',
      { probability: 'Possible', impact: 'High' },
      { 'if-match': risk.etag as string },
    );
    expect(patched.status).toBe(200);
    const stale = await decide(USERS.scdcApprover, id, { response: 'tolerate', riskVersion: shownVersion });
    expect(stale.status).toBe(200);
    expect(stale.body.result).toBe('risk-changed');
    expect(stale.body.toleration).toMatchObject({
      riskChangedSinceRequest: true,
      changedFields: ['probability', 'impact'],
      riskNow: { score: 8, level: 'Medium' },
    });
    const fresh = await decide(USERS.scdcApprover, id, {
      response: 'tolerate',
      riskVersion: stale.body.toleration.riskNow.version,
    });
    expect(fresh.status).toBe(201);
    expect(fresh.body.toleration.decisions[0].riskSnapshot).toMatchObject({ probability: 'Possible', impact: 'High' });
  });

  it('lets the administrator set review periods with ETags', async () => {
    const read = await call(USERS.hdcStaff, 'GET', 'toleration-settings');
    expect(read.body).toEqual({ reviewDays: { High: 90, Medium: 180, Low: 360, Unrated: 90 }, isDefault: true });
    const body = { reviewDays: { High: 60, Medium: 120, Low: 240, Unrated: 60 } };
    expect((await call(USERS.hdcApprover, 'PUT', 'toleration-settings', body)).status).toBe(403);
    const created = await call(USERS.admin, 'PUT', 'toleration-settings', body);
    expect(created.status).toBe(201);
    expect((await call(USERS.admin, 'PUT', 'toleration-settings', body)).status).toBe(428);
    expect(
      (await call(USERS.admin, 'PUT', 'toleration-settings', body, { 'if-match': created.etag as string })).status,
    ).toBe(200);
    expect(
      (await call(USERS.admin, 'PUT', 'toleration-settings', body, { 'if-match': created.etag as string })).status,
    ).toBe(412);
    expect((await call(USERS.otherAdmin, 'GET', 'toleration-settings')).body.isDefault).toBe(true);
  });

  it('reminds before expiry and asks every council again on expiry; the timer finds the partnership', async () => {
    expect(await app.runtime.tolerationPartnerships()).toEqual(['3c-ict']);
    const timerLog: string[] = [];
    const context = { log: (line: string) => timerLog.push(line), warn: (line: string) => timerLog.push(line) };
    await reviewTolerationsFunction.options.handler({} as never, context as never);
    expect(timerLog).toEqual([expect.stringMatching(/^toleration review of 3c-ict: 0 reminded, 0 expired/)]);

    const tolerated = await app.runtime.stores.riskTolerations.get('3c-ict', 'tol-risk-joint-monitoring-r1');
    const expiresAt = Date.parse(tolerated?.record.expiresAt as string);
    const thirtyBefore = await reviewTolerations(app.runtime.stores, '3c-ict', new Date(expiresAt - 29.5 * DAY));
    expect(thirtyBefore.reminded).toContainEqual({
      tolerationId: 'tol-risk-joint-monitoring-r1',
      daysBeforeExpiry: 30,
    });
    const expiry = await reviewTolerations(app.runtime.stores, '3c-ict', new Date(expiresAt + 60_000));
    expect(expiry.failed).toEqual([]);
    expect(expiry.expired).toContainEqual({
      tolerationId: 'tol-risk-joint-monitoring-r1',
      nextTolerationId: 'tol-risk-joint-monitoring-r2',
    });
    const again = await call(USERS.hdcStaff, 'GET', 'tolerations/tol-risk-joint-monitoring-r2');
    expect(again.body).toMatchObject({ status: 'awaiting', reason: 'review', pendingCouncils: ['CCC', 'HDC', 'SCDC'] });
    const register = await call(USERS.hdcStaff, 'GET', 'risk-register?council=SCDC');
    const entry = register.body.risks.find((r: any) => r.id === 'risk-joint-monitoring');
    expect(entry.toleration.status).toBe('awaiting-decision');
    const repeat = await reviewTolerations(app.runtime.stores, '3c-ict', new Date(expiresAt + 120_000));
    expect(repeat.expired.map((e) => e.tolerationId)).not.toContain('tol-risk-joint-monitoring-r1');
  });
});
