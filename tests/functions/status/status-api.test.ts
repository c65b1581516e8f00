import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOutageDemo } from '../../../local/seed/seed-outage-demo';
import { type SecuredApp, startSecuredApp } from '../../support/secured-app';

const USERS = {
  hdcStaff: 'jo.baker@huntingdonshire.example',
  cityStaff: 'alex.turner@cambridge.example',
  serviceDesk: 'lee.hunt@huntingdonshire.example',
  otherPartnership: 'nina.patel@peterborough.example',
  otherPartnershipAdmin: 'sue.grace@cambridgeshire.example',
};
const OPEN = 'demo-open-scdc-telephony';
const CSV_HEADER = 'title,kind,areas,councils,start,end,severity,cause,supplier';

/**
 * The status and outage log API over real HTTP, tokens from the simulated tenants, Cosmos DB through the SDK:
 * staff of every council read everything of their partnership and change nothing; the service desk writes;
 * the other partnership sees none of it.
 */
describe('status and incidents API', () => {
  let app: SecuredApp;
  const call = async (
    user: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const isText = typeof body === 'string';
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${await app.tokenFor(user)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
    });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as any };
  };
  const stored = async () => (await app.runtime.stores.incidents.listAll('3c-ict')).map((r) => [r.record.id, r.etag]);
  const audited = async () => (await app.runtime.stores.audit.listAll('3c-ict')).length;
  const newIncident = {
    title: 'Email delayed for Huntingdonshire',
    areas: ['email'],
    councils: ['HDC'],
    severity: 'degraded',
    services: ['Email Support & Web Filtering'],
    update: 'Messages from outside arrive up to 30 minutes late.',
  };

  beforeAll(async () => {
    app = await startSecuredApp();
    await seedOutageDemo(app.runtime.stores);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses every route without a token (401)', async () => {
    for (const [method, path] of [
      ['GET', 'status'],
      ['GET', 'incidents'],
      ['GET', `incidents/${OPEN}`],
      ['POST', 'incidents'],
      ['POST', `incidents/${OPEN}/resolve`],
    ] as const) {
      const response = await call(null, method, path, method === 'POST' ? {} : undefined);
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it('lets staff of any council read the status, the log and one incident of every council', async () => {
    for (const user of [USERS.hdcStaff, USERS.cityStaff]) {
      const status = await call(user, 'GET', 'status');
      expect(status.status).toBe(200);
      expect(status.body.areas.map((a: any) => a.area)).toEqual([
        'network-telephony',
        'email',
        'internet-web',
        'server-infrastructure',
      ]);
      expect(status.body.councils.map((c: any) => c.code)).toEqual(['CCC', 'HDC', 'SCDC']);
      expect(status.body.current.map((i: any) => i.id)).toContain(OPEN);
      expect(status.body.councils.find((c: any) => c.code === 'SCDC').status).toBe('degraded');
      expect(status.body.plannedSoon.map((i: any) => i.id)).toEqual(['demo-planned-email-servers']);

      const q2 = await call(user, 'GET', 'incidents?from=2019-07-01&to=2019-09-30&state=history');
      expect(q2.status).toBe(200);
      expect(q2.body.items).toHaveLength(6);
      const open = await call(user, 'GET', 'incidents?state=open&council=SCDC');
      expect(open.body.items.map((i: any) => i.id)).toEqual([OPEN]);
      const one = await call(user, 'GET', `incidents/${OPEN}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: OPEN, councils: ['SCDC'], end: null });
      expect(one.etag).toMatch(/^".+"$/);
    }
    expect((await call(USERS.hdcStaff, 'GET', 'incidents?state=closed')).status).toBe(400);
    expect((await call(USERS.hdcStaff, 'GET', 'incidents/inc-nope')).status).toBe(404);
  });

  it('refuses every write by staff (403) and changes nothing', async () => {
    const before = await stored();
    const auditBefore = await audited();
    const { etag } = await call(USERS.hdcStaff, 'GET', `incidents/${OPEN}`);
    const writes: [string, string, unknown, Record<string, string>?][] = [
      ['POST', 'incidents', newIncident],
      ['PATCH', `incidents/${OPEN}`, { severity: 'outage' }, { 'if-match': etag as string }],
      ['POST', `incidents/${OPEN}/updates`, { text: 'All fine now' }],
      ['POST', `incidents/${OPEN}/resolve`, {}],
      [
        'POST',
        'incidents/import',
        `${CSV_HEADER}\nX,incident,email,HDC,2019-07-01 10:00,2019-07-01 11:00,outage,internal,\n`,
      ],
    ];
    for (const [method, path, body, headers] of writes) {
      const response = await call(USERS.hdcStaff, method, path, body, headers);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error.message).toContain('service-desk');
    }
    expect(await stored()).toEqual(before);
    expect(await audited()).toBe(auditBefore);
  });

  it('lets the service desk create, update (If-Match), post updates and resolve, audited', async () => {
    const auditBefore = await audited();
    const created = await call(USERS.serviceDesk, 'POST', 'incidents', newIncident);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'incident',
      end: null,
      services: ['svc-email-support-web-filtering'],
      createdBy: { name: 'Lee Hunt', partnerCode: 'HDC' },
    });
    const id = created.body.id as string;
    expect((await call(USERS.hdcStaff, 'GET', 'status')).body.councils.find((c: any) => c.code === 'HDC').status).toBe(
      'degraded',
    );

    const missing = await call(USERS.serviceDesk, 'PATCH', `incidents/${id}`, { severity: 'outage' });
    expect(missing.status).toBe(428);
    const patched = await call(
      USERS.serviceDesk,
      'PATCH',
      `incidents/${id}`,
      { severity: 'outage' },
      { 'if-match': created.etag as string },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.severity).toBe('outage');
    const stale = await call(
      USERS.serviceDesk,
      'PATCH',
      `incidents/${id}`,
      { severity: 'degraded' },
      { 'if-match': created.etag as string },
    );
    expect(stale.status).toBe(412);
    expect((await call(USERS.hdcStaff, 'GET', `incidents/${id}`)).body.severity).toBe('outage');

    const updated = await call(USERS.serviceDesk, 'POST', `incidents/${id}/updates`, { text: 'Supplier engaged.' });
    expect(updated.status).toBe(201);
    expect(updated.body.updates.map((u: any) => u.text)).toEqual([newIncident.update, 'Supplier engaged.']);

    const early = await call(USERS.serviceDesk, 'POST', `incidents/${id}/resolve`, { end: '2000-01-01T00:00:00Z' });
    expect(early.status).toBe(400);
    expect(early.body.error.problems[0]).toMatchObject({ path: 'end' });
    const resolved = await call(USERS.serviceDesk, 'POST', `incidents/${id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.end).not.toBeNull();
    expect(resolved.body.resolvedBy).toEqual({ name: 'Lee Hunt', partnerCode: 'HDC' });
    expect((await call(USERS.serviceDesk, 'POST', `incidents/${id}/resolve`)).status).toBe(409);
    expect((await call(USERS.hdcStaff, 'GET', 'status')).body.councils.find((c: any) => c.code === 'HDC').status).toBe(
      'operational',
    );

    const trail = (await app.runtime.stores.audit.listAll('3c-ict')).map((e) => e.record);
    expect(trail.slice(auditBefore).map((e) => [e.action, e.target.id, e.actor.name])).toEqual([
      ['incident.create', id, 'Lee Hunt'],
      ['incident.update', id, 'Lee Hunt'],
      ['incident.add-update', id, 'Lee Hunt'],
      ['incident.resolve', id, 'Lee Hunt'],
    ]);
  });

  it('lets the service desk import a CSV: idempotent, and a bad row is named by line with nothing imported', async () => {
    const rows = [
      'Phones down at Mandela House,incident,network-telephony,CCC,2019-10-01 09:00,2019-10-01 09:20,outage,internal,',
      'Web slow,incident,internet-web,all,2019-10-02 14:00,2019-10-02 14:30,degraded,third-party,Enta.net',
    ];
    const csv = `${CSV_HEADER}\n${rows.join('\n')}\n`;
    const first = await call(USERS.serviceDesk, 'POST', 'incidents/import', csv);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    const before = await stored();
    const again = await call(USERS.serviceDesk, 'POST', 'incidents/import', csv);
    expect(again.body).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await stored()).toEqual(before);

    const auditBefore = await audited();
    const bad = `${CSV_HEADER}\nNew event,incident,email,HDC,2019-10-03 10:00,2019-10-03 10:10,outage,internal,\n${rows[1]?.replace('all', 'PCC')}\n`;
    const refused = await call(USERS.serviceDesk, 'POST', 'incidents/import', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error.problems).toEqual([{ path: 'line 3', message: expect.stringContaining('PCC') }]);
    expect(await stored()).toEqual(before);
    expect(await audited()).toBe(auditBefore);
    expect((await call(USERS.serviceDesk, 'POST', 'incidents/import', { rows })).status).toBe(400);
  });

  it("shows the other partnership none of 3C ICT's incidents, and lets it change none", async () => {
    const before = await stored();
    const list = await call(USERS.otherPartnership, 'GET', 'incidents?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const status = await call(USERS.otherPartnership, 'GET', 'status');
    expect(status.status).toBe(200);
    expect(status.body.current).toEqual([]);
    expect(status.body.plannedSoon).toEqual([]);
    expect(status.body.councils.map((c: any) => c.code)).toEqual(['CCC', 'PCC']);
    expect((await call(USERS.otherPartnership, 'GET', `incidents/${OPEN}`)).status).toBe(404);
    const { etag } = await call(USERS.hdcStaff, 'GET', `incidents/${OPEN}`);
    const attempt = await call(
      USERS.otherPartnershipAdmin,
      'PATCH',
      `incidents/${OPEN}`,
      { severity: 'outage' },
      { 'if-match': etag as string },
    );
    expect(attempt.status).toBe(404);
    expect((await call(USERS.otherPartnershipAdmin, 'POST', `incidents/${OPEN}/resolve`)).status).toBe(404);
    expect(await stored()).toEqual(before);
  });
});
