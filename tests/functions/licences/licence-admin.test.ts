import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecuredApp, startSecuredApp } from '../../support/secured-app';

const USERS = {
  priya: 'priya.shah@cambridge.example',
  dana: 'dana.ward@scambs.example',
  sagar: 'sagar.roy@huntingdonshire.example',
  sam: 'sam.smith@huntingdonshire.example',
  jo: 'jo.baker@huntingdonshire.example',
  nina: 'nina.patel@peterborough.example',
  /** The other partnership's (Cambridgeshire and Peterborough's) partnership administrator. */
  sue: 'sue.grace@cambridgeshire.example',
};
const TENANT = {
  CCC: '3c1c0001-0000-4000-8000-000000000001',
  HDC: '3c1c0002-0000-4000-8000-000000000002',
  SCDC: '3c1c0003-0000-4000-8000-000000000003',
  PCC: 'cb0c0002-0000-4000-8000-000000000002',
};
const account = (council: keyof typeof TENANT, n: number) =>
  `${TENANT[council]}/cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`;

const PRICES = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'local', 'demo-data', 'licences', 'prices.json'), 'utf8'),
);
const HR_HEADER = 'Employee Number,Name,Work Email,Council,Start Date,Leave Date';
const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * The licence reconciler's administration over real HTTP with verified tokens: who may read and write the price
 * list, settings, match decisions, exclusions and HR feed, that refused or bad writes change nothing, and that the
 * writes that succeed are audited.
 */
describe('licence administration endpoints', () => {
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
  const auditTrail = async () => (await call(USERS.sam, 'GET', 'audit?pageSize=200')).body.items as any[];
  const hrRows = async () => (await call(USERS.sam, 'GET', 'licences/hr-feed')).body.items as any[];

  beforeAll(async () => {
    app = await startSecuredApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses every licence route without a token (401), and to staff (403) even with a valid body', async () => {
    const connection = {
      partnerCode: 'HDC',
      tenantId: TENANT.HDC,
      clientId: '11111111-2222-4333-8444-555555555555',
      credential: { kind: 'secret', setting: 'RECONCILER_3C_ICT_HDC' },
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
    };
    const routes: [string, string, unknown][] = [
      ['GET', 'licences/prices', undefined],
      ['PUT', 'licences/prices', PRICES],
      ['GET', 'licences/settings', undefined],
      ['PUT', 'licences/settings', { tenants: [connection] }],
      ['GET', 'licences/match-decisions', undefined],
      ['POST', 'licences/match-decisions', { accounts: [account('HDC', 9), account('CCC', 9)], decision: 'confirmed' }],
      ['GET', 'licences/exclusions', undefined],
      ['POST', 'licences/exclusions', { key: account('HDC', 9), reason: 'Needs it', expiresAt: inAYear }],
      ['POST', 'licences/exclusions/exclusion-x/withdraw', undefined],
      ['GET', 'licences/hr-feed', undefined],
      ['POST', 'licences/hr-feed', `${HR_HEADER}\nH9,Jo Baker,jo.baker@huntingdonshire.example,HDC,2026-01-05,`],
    ];
    for (const [method, path, body] of routes) {
      const anonymous = await call(null, method, path, body);
      expect(anonymous.status, `${method} ${path} without a token`).toBe(401);
      const staff = await call(USERS.jo, method, path, body);
      expect(staff.status, `${method} ${path} as staff`).toBe(403);
    }
    expect((await auditTrail()).filter((e) => e.action.startsWith('licence.'))).toEqual([]);
    expect(await hrRows()).toEqual([]);
  });

  describe('price list', () => {
    let etag: string;

    it('answers 404 with a clear message before a price list exists', async () => {
      const missing = await call(USERS.priya, 'GET', 'licences/prices');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('no licence price list');
    });

    it("refuses a council's licence administrator (403); the partnership administrator creates it (201), audited", async () => {
      const refused = await call(USERS.priya, 'PUT', 'licences/prices', PRICES);
      expect(refused.status).toBe(403);
      expect((await call(USERS.priya, 'GET', 'licences/prices')).status).toBe(404);
      const created = await call(USERS.sam, 'PUT', 'licences/prices', PRICES);
      expect(created.status).toBe(201);
      expect(created.etag).toBeTruthy();
      etag = created.etag as string;
      const read = await call(USERS.priya, 'GET', 'licences/prices');
      expect(read).toMatchObject({ status: 200, etag });
      expect(read.body).toEqual(PRICES);
      const [latest] = await auditTrail();
      expect(latest).toMatchObject({
        action: 'licence.prices.replace',
        target: { kind: 'licencePrices', id: 'prices' },
        etagBefore: null,
        etagAfter: etag,
        actor: { name: 'Sam Smith', partnerCode: 'HDC' },
      });
    });

    it('needs If-Match (428), refuses a stale one (412) and a bad body (400), writing nothing', async () => {
      const audited = (await auditTrail()).length;
      const cheaper = { ...PRICES, source: 'Renegotiated' };
      const without = await call(USERS.sam, 'PUT', 'licences/prices', cheaper);
      expect(without.status).toBe(428);
      const licenceAdmin = await call(USERS.priya, 'PUT', 'licences/prices', cheaper, { 'if-match': etag });
      expect(licenceAdmin.status).toBe(403);
      const stale = await call(USERS.sam, 'PUT', 'licences/prices', cheaper, { 'if-match': '"not-the-etag"' });
      expect(stale.status).toBe(412);
      const bad = await call(
        USERS.sam,
        'PUT',
        'licences/prices',
        { ...PRICES, currency: 'EUR', skus: [{ ...PRICES.skus[0], monthlyPence: -1 }] },
        { 'if-match': etag },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.problems.map((p: any) => p.path)).toEqual(
        expect.arrayContaining(['body.currency', 'body.skus.0.monthlyPence']),
      );
      const read = await call(USERS.priya, 'GET', 'licences/prices');
      expect(read.etag).toBe(etag);
      expect(read.body.source).toBe(PRICES.source);
      expect((await auditTrail()).length).toBe(audited);
    });

    it('replaces with the current ETag, and the old ETag is then stale', async () => {
      const replaced = await call(
        USERS.sagar,
        'PUT',
        'licences/prices',
        { ...PRICES, source: 'Agreement 2027' },
        {
          'if-match': etag,
        },
      );
      expect(replaced.status).toBe(200);
      expect(replaced.etag).not.toBe(etag);
      expect(replaced.body.source).toBe('Agreement 2027');
      const again = await call(USERS.sam, 'PUT', 'licences/prices', PRICES, { 'if-match': etag });
      expect(again.status).toBe(412);
      etag = replaced.etag as string;
      expect((await call(USERS.dana, 'GET', 'licences/prices')).body.source).toBe('Agreement 2027');
    });

    it("keeps another partnership's administrators out of 3C ICT's price list", async () => {
      const read = await call(USERS.nina, 'GET', 'licences/prices');
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain('Agreement 2027');
      const hijack = { ...PRICES, source: 'Hijacked' };
      expect((await call(USERS.nina, 'PUT', 'licences/prices', hijack, { 'if-match': etag })).status).toBe(403);
      const write = await call(USERS.sue, 'PUT', 'licences/prices', hijack, { 'if-match': etag });
      expect(write.status).toBe(412);
      const ours = await call(USERS.sam, 'GET', 'licences/prices');
      expect(ours.etag).toBe(etag);
      expect(ours.body.source).toBe('Agreement 2027');
    });
  });

  describe('reconciler settings', () => {
    const connection = (code: keyof typeof TENANT) => ({
      partnerCode: code,
      tenantId: TENANT[code],
      clientId: '11111111-2222-4333-8444-555555555555',
      credential: { kind: 'secret', setting: `RECONCILER_3C_ICT_${code}` },
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
    });

    it('lets only the partnership administrator write them, naming a tenant outside the partnership', async () => {
      expect((await call(USERS.priya, 'PUT', 'licences/settings', { tenants: [connection('CCC')] })).status).toBe(403);
      const outside = await call(USERS.sam, 'PUT', 'licences/settings', {
        tenants: [connection('CCC'), { ...connection('PCC') }],
      });
      expect(outside.status).toBe(400);
      expect(outside.body.error.problems).toEqual([
        { path: 'body.tenants.1.partnerCode', message: expect.stringContaining('tenant 2 (PCC') },
      ]);
      expect((await call(USERS.sam, 'GET', 'licences/settings')).status).toBe(404);

      // A connection may not send another app setting as its secret, nor to a host that is not Microsoft's.
      const exfiltrating = await call(USERS.sam, 'PUT', 'licences/settings', {
        tenants: [
          { ...connection('CCC'), credential: { kind: 'secret', setting: 'HUB_STORAGE' } },
          { ...connection('HDC'), authorityHost: 'https://login.attacker.example' },
        ],
      });
      expect(exfiltrating.status).toBe(400);
      expect(exfiltrating.body.error.problems).toEqual([
        { path: 'body.tenants.0.credential.setting', message: expect.stringContaining('RECONCILER_3C_ICT_<NAME>') },
        { path: 'body.tenants.1.authorityHost', message: expect.stringContaining('not a Microsoft cloud authority') },
      ]);
      expect((await call(USERS.sam, 'GET', 'licences/settings')).status).toBe(404);
      expect((await auditTrail()).filter((e) => e.action === 'licence.settings.replace')).toEqual([]);

      const saved = await call(USERS.sam, 'PUT', 'licences/settings', {
        tenants: [connection('CCC'), connection('HDC'), connection('SCDC')],
        inactiveDays: 60,
      });
      expect(saved.status).toBe(201);
      const whole = await call(USERS.sam, 'GET', 'licences/settings');
      expect(whole.body.tenants.map((t: any) => t.partnerCode)).toEqual(['CCC', 'HDC', 'SCDC']);
      expect(whole.body.tenants[0].credential).toEqual({ kind: 'secret', setting: 'RECONCILER_3C_ICT_CCC' });
      // A council's licence administrator sees their own council's tenant only.
      const read = await call(USERS.dana, 'GET', 'licences/settings');
      expect(read).toMatchObject({ status: 200, etag: saved.etag });
      expect(read.body.inactiveDays).toBe(60);
      expect(read.body.tenants.map((t: any) => t.partnerCode)).toEqual(['SCDC']);
      expect(read.body.tenants[0].credential).toEqual({ kind: 'secret', setting: 'RECONCILER_3C_ICT_SCDC' });
      expect((await call(USERS.sam, 'PUT', 'licences/settings', { tenants: [connection('CCC')] })).status).toBe(428);
      expect((await call(USERS.nina, 'GET', 'licences/settings')).status).toBe(404);
    });
  });

  describe('match decisions', () => {
    it('refuses priya a pair of HDC and SCDC accounts, and anyone a pair outside the partnership', async () => {
      const theirs = await call(USERS.priya, 'POST', 'licences/match-decisions', {
        accounts: [account('HDC', 1), account('SCDC', 1)],
        decision: 'confirmed',
      });
      expect(theirs.status).toBe(403);
      const ninas = await call(USERS.nina, 'POST', 'licences/match-decisions', {
        accounts: [account('CCC', 1), account('HDC', 1)],
        decision: 'confirmed',
      });
      expect(ninas.status).toBe(400);
      const bad = await call(USERS.sam, 'POST', 'licences/match-decisions', {
        accounts: [account('CCC', 1)],
        decision: 'maybe',
      });
      expect(bad.status).toBe(400);
      expect((await call(USERS.sam, 'GET', 'licences/match-decisions')).body.items).toEqual([]);
    });

    it('records a decision by a council of the pair, replaces it when decided again, audits both', async () => {
      const pair = [account('HDC', 2), account('CCC', 2)];
      const first = await call(USERS.priya, 'POST', 'licences/match-decisions', {
        accounts: pair,
        decision: 'confirmed',
      });
      expect(first.status).toBe(200);
      const second = await call(USERS.sam, 'POST', 'licences/match-decisions', {
        accounts: [...pair].reverse(),
        decision: 'rejected',
        note: 'different people',
      });
      expect(second.status).toBe(200);
      expect(second.body.id).toBe(first.body.id);
      const listed = (await call(USERS.priya, 'GET', 'licences/match-decisions')).body.items;
      expect(listed.map((d: any) => [d.decision, d.note, d.accounts])).toEqual([
        ['rejected', 'different people', [account('CCC', 2), account('HDC', 2)]],
      ]);
      expect((await call(USERS.dana, 'GET', 'licences/match-decisions')).body.items).toEqual([]);
      expect((await call(USERS.nina, 'GET', 'licences/match-decisions')).body.items).toEqual([]);
      const entries = (await auditTrail()).filter((e) => e.target.id === first.body.id);
      expect(entries.map((e) => [e.action, e.etagAfter])).toEqual([
        ['licence.match.reject', second.etag],
        ['licence.match.confirm', first.etag],
      ]);
    });
  });

  describe('exclusions', () => {
    it('refuses priya an exclusion for an HDC account, and nina one for a 3C ICT account', async () => {
      const theirs = await call(USERS.priya, 'POST', 'licences/exclusions', {
        key: account('HDC', 3),
        reason: 'Needs it',
        expiresAt: inAYear,
      });
      expect(theirs.status).toBe(403);
      const ninas = await call(USERS.nina, 'POST', 'licences/exclusions', {
        key: account('CCC', 3),
        reason: 'Needs it',
        expiresAt: inAYear,
      });
      expect(ninas.status).toBe(400);
      const past = await call(USERS.sam, 'POST', 'licences/exclusions', {
        key: account('CCC', 3),
        reason: 'Needs it',
        expiresAt: '2020-01-01',
      });
      expect(past.status).toBe(400);
      expect(past.body.error.problems[0].path).toBe('body.expiresAt');
      expect((await call(USERS.sam, 'GET', 'licences/exclusions')).body.items).toEqual([]);
    });

    it('adds, lists (scoped), withdraws and audits an exclusion', async () => {
      const input = {
        key: `${account('SCDC', 4)}+${account('CCC', 4)}`,
        reason: 'Elections officer',
        expiresAt: inAYear,
      };
      const added = await call(USERS.priya, 'POST', 'licences/exclusions', input);
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        key: `${account('CCC', 4)}+${account('SCDC', 4)}`,
        partnerCodes: ['CCC', 'SCDC'],
      });
      const repeated = await call(USERS.priya, 'POST', 'licences/exclusions', input);
      expect(repeated).toMatchObject({ status: 200, body: { id: added.body.id } });
      const hdcOnly = await call(USERS.sagar, 'POST', 'licences/exclusions', {
        key: account('HDC', 5),
        reason: 'Chief executive',
        expiresAt: inAYear,
      });
      expect(hdcOnly.status).toBe(201);

      const danaSees = (await call(USERS.dana, 'GET', 'licences/exclusions')).body.items;
      expect(danaSees.map((e: any) => [e.id, e.status])).toEqual([[added.body.id, 'active']]);
      expect((await call(USERS.sam, 'GET', 'licences/exclusions')).body.items).toHaveLength(2);
      expect((await call(USERS.nina, 'GET', 'licences/exclusions')).body.items).toEqual([]);

      expect((await call(USERS.priya, 'POST', `licences/exclusions/${hdcOnly.body.id}/withdraw`)).status).toBe(403);
      expect((await call(USERS.nina, 'POST', `licences/exclusions/${added.body.id}/withdraw`)).status).toBe(404);
      expect((await call(USERS.sam, 'POST', 'licences/exclusions/exclusion-unknown/withdraw')).status).toBe(404);
      const withdrawn = await call(USERS.dana, 'POST', `licences/exclusions/${added.body.id}/withdraw`);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
      const afterwards = (await call(USERS.priya, 'GET', 'licences/exclusions')).body.items;
      expect(afterwards.map((e: any) => [e.id, e.status, e.active])).toEqual([[added.body.id, 'withdrawn', false]]);

      const entries = (await auditTrail()).filter((e) => e.target.kind === 'licenceExclusions');
      expect(entries.map((e) => [e.action, e.target.id, e.actor.name])).toEqual([
        ['licence.exclusion.withdraw', added.body.id, 'Dana Ward'],
        ['licence.exclusion.add', hdcOnly.body.id, 'Sagar Roy'],
        ['licence.exclusion.add', added.body.id, 'Priya Shah'],
      ]);
    });
  });

  describe('HR feed', () => {
    it('refuses a feed with a bad date on line 3, naming it, and stores nothing', async () => {
      const csv = [
        HR_HEADER,
        'C100,Alex Turner,alex.turner@cambridge.example,CCC,2026-01-05,',
        'C101,Bad Date,bad.date@cambridge.example,CCC,31/02/2026,',
        'C102,Fine Row,fine.row@cambridge.example,CCC,,2026-03-31',
      ].join('\n');
      const refused = await call(USERS.priya, 'POST', 'licences/hr-feed', csv);
      expect(refused.status).toBe(400);
      expect(refused.body.error.problems).toEqual([{ path: 'line 3', message: expect.stringContaining('31/02/2026') }]);
      expect(await hrRows()).toEqual([]);
    });

    it('refuses priya a feed holding an HDC row, naming its line, and stores nothing', async () => {
      const csv = [
        HR_HEADER,
        'C100,Alex Turner,alex.turner@cambridge.example,CCC,2026-01-05,',
        'H200,Jo Baker,jo.baker@huntingdonshire.example,HDC,,2026-03-31',
      ].join('\n');
      const refused = await call(USERS.priya, 'POST', 'licences/hr-feed', csv);
      expect(refused.status).toBe(403);
      expect(refused.body.error.problems).toEqual([
        { path: 'line 3', message: expect.stringContaining('another council') },
      ]);
      expect(await hrRows()).toEqual([]);
    });

    it('refuses a body that is not text/csv', async () => {
      const refused = await call(USERS.priya, 'POST', 'licences/hr-feed', { rows: [] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('text/csv');
    });

    it('imports a good feed, counts starters and leavers, lists rows scoped, and audits each row', async () => {
      const csv = [
        HR_HEADER,
        'C100,Alex Turner,alex.turner@cambridge.example,CCC,2026-01-05,',
        'C101,Chris Lee,chris.lee@cambridge.example,CCC,01/09/2019,31/03/2026',
        'C/102,Pat Kay,pat.kay@cambridge.example,CCC,,2026-02-28',
      ].join('\r\n');
      const imported = await call(USERS.priya, 'POST', 'licences/hr-feed', csv);
      expect(imported).toMatchObject({ status: 200, body: { imported: 3, starters: 1, leavers: 2 } });
      const hdc = await call(
        USERS.sam,
        'POST',
        'licences/hr-feed',
        `${HR_HEADER}\nH200,Jo Baker,jo@huntingdonshire.example,HDC,,2026-03-31`,
      );
      expect(hdc.body).toEqual({ imported: 1, starters: 0, leavers: 1 });

      const priyaSees = (await call(USERS.priya, 'GET', 'licences/hr-feed')).body.items;
      expect(priyaSees.map((r: any) => r.employeeNumber)).toEqual(['C/102', 'C100', 'C101']);
      expect((await hrRows()).map((r) => r.partnerCode).sort()).toEqual(['CCC', 'CCC', 'CCC', 'HDC']);
      expect((await call(USERS.nina, 'GET', 'licences/hr-feed')).body.items).toEqual([]);

      const entries = (await auditTrail()).filter((e) => e.action === 'licence.hr-feed.import');
      expect(entries).toHaveLength(4);
      expect(entries.map((e) => e.target.id).sort()).toEqual((await hrRows()).map((r) => r.id).sort());
    });
  });
});
