import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoDataset } from '../../shared/schemas/plan-import';
import { processesInGroup, type RunningApp, startLocalApp, waitForGroupToEnd } from '../support/local-app';

const dataset = (name: string): DemoDataset =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'local', 'demo-data', `${name}.json`), 'utf8'));
const threeC = dataset('3c-ict');
const threeCDocument = threeC.documents[0] as DemoDataset['documents'][number];

describe('npm start: the whole product on one machine, over HTTP', () => {
  let app: RunningApp;
  const tokens: Record<string, string> = {};
  const as = (user: 'admin' | 'staff' | 'otherPartnership') => ({ authorization: `Bearer ${tokens[user]}` });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${app.baseUrl}/api/${path}`, { ...init, headers: { ...as('admin'), ...(init.headers as object) } });
  const json = async (path: string, init: RequestInit = {}) => {
    const response = await api(path, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    json(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const listAll = async (path: string, headers: Record<string, string> = {}) => {
    const items: any[] = [];
    let token: string | null = null;
    do {
      const query = new URLSearchParams({ pageSize: '7', ...(token ? { continuationToken: token } : {}) });
      const page = await json(`${path}?${query}`, { headers });
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      token = page.body.continuationToken;
    } while (token);
    return items;
  };

  beforeAll(async () => {
    app = await startLocalApp();
    tokens.admin = app.tokenFor('sam.smith@huntingdonshire.example');
    tokens.staff = app.tokenFor('jo.baker@huntingdonshire.example');
    tokens.otherPartnership = app.tokenFor('tom.evans@cambridgeshire.example');
  });
  afterAll(async () => {
    await app?.interrupt();
  });

  it('reports itself healthy with each dependency up, without a token', async () => {
    const response = await fetch(`${app.baseUrl}/api/health`);
    const { status, headers } = response;
    const body = (await response.json()) as any;
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.dependencies.cosmos.status).toBe('up');
    expect(body.dependencies.storage.status).toBe('up');
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('serves the business plan with its figures as printed', async () => {
    const { status, headers, body } = await json('plan?year=2020-21');
    expect(status).toBe(200);
    expect(headers.get('etag')).toBeTruthy();
    const row = (table: any, label: string) => table.rows.find((r: any) => r.label === label);
    expect(row(body.budget, 'Baseline Staff').values['2019-20']).toBe(3_481_047);
    expect(row(body.budget, 'Budget').values['2020-21']).toBe(6_451_972);
    expect(row(body.costByPartner, 'Cambridge City Council').values['2020-21']).toBe(2_991_556);
    expect(body.roadmap).toHaveLength(threeCDocument.plan.roadmap.length);
    expect(body.partnershipId).toBe('3c-ict');
  });

  it('totals the capital bids per council exactly as the plan does', async () => {
    const { status, body } = await json('bids?year=2020-21');
    expect(status).toBe(200);
    expect(body.bids).toHaveLength(10);
    expect(body.totals.byPartner).toEqual({ CCC: 344_575, HDC: 264_825, SCDC: 195_068 });
    expect(body.totals.total).toBe(804_468);
    expect(body.currency).toBe('GBP');
  });

  it('pages every risk, application, catalogue service and KPI definition of the plan', async () => {
    expect((await listAll('risks')).map((r) => r.id)).toEqual(threeCDocument.risks.map((r) => r.id));
    expect((await listAll('applications')).map((a) => a.id)).toEqual(threeCDocument.applications.map((a) => a.id));
    expect((await listAll('catalogue')).map((s) => s.name)).toEqual(threeCDocument.catalogue.map((s) => s.name));
    const kpis = await listAll('kpis/definitions');
    expect(kpis.map((k) => k.id)).toEqual(threeCDocument.kpiDefinitions.map((k) => k.id));
    expect(kpis.find((k) => k.id === 'KPI-2')?.targets.find((t: any) => t.year === '2020-21')?.value).toBe(95);
  });

  it('keeps each partnership to its own data', async () => {
    const asCambsPboro = as('otherPartnership');
    const me = await json('me', { headers: asCambsPboro });
    expect(me.body.partnership.partners.map((p: any) => p.name)).toEqual([
      'Cambridgeshire County Council',
      'Peterborough City Council',
    ]);
    const bids = await json('bids?year=2020-21', { headers: asCambsPboro });
    expect(bids.body.bids).toEqual([]);
    expect(bids.body.totals.byPartner).toEqual({ CCC: 0, PCC: 0 });
    expect(await listAll('risks', asCambsPboro)).toEqual([]);
    const apps = await listAll('applications', asCambsPboro);
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.every((a) => a.partnershipId === 'cambs-pboro')).toBe(true);
    const plan = await json('plan?year=2020-21', { headers: asCambsPboro });
    expect(plan.body.title).not.toBe(threeCDocument.plan.title);
  });

  it('refuses bad input with a 4xx that says what is wrong, and changes nothing', async () => {
    const before = await api('plan?year=2020-21');
    const risksBefore = await listAll('risks');

    const malformed = await post('plan/import', '{"partnershipId": "3c-ict",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);

    const wrongTypes = await post(
      'plan/import',
      JSON.stringify({ ...threeCDocument, plan: { ...threeCDocument.plan, year: 2020 }, risks: [{ id: 5 }] }),
    );
    expect(wrongTypes.status).toBe(400);
    const paths = wrongTypes.body.error.problems.map((p: any) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['plan.year', 'risks.0.id', 'risks.0.category']));

    const otherPartnership = await post(
      'plan/import',
      JSON.stringify({ ...threeCDocument, partnershipId: 'cambs-pboro' }),
    );
    expect(otherPartnership.status).toBe(403);

    const noToken = await fetch(`${app.baseUrl}/api/plan?year=2020-21`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const badYear = await json('plan?year=2020-22');
    expect(badYear.status).toBe(400);
    const noPlan = await json('plan?year=2031-32');
    expect(noPlan.status).toBe(404);

    const staffImport = await post('plan/import', JSON.stringify(threeCDocument), as('staff'));
    expect(staffImport.status).toBe(403);

    const after = await api('plan?year=2020-21');
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(await after.json()).toEqual(await before.json());
    expect(await listAll('risks')).toEqual(risksBefore);
  });

  it('imports the same plan twice without changing anything', async () => {
    const etagBefore = (await api('plan?year=2020-21')).headers.get('etag');
    const { status, body } = await post('plan/import', JSON.stringify(threeCDocument));
    expect(status).toBe(200);
    for (const counts of Object.values(body.counts) as any[]) {
      expect(counts.created + counts.updated).toBe(0);
    }
    expect(body.planEtag).toBe(etagBefore);
  });

  it('refuses a stale ETag instead of overwriting a newer change', async () => {
    const id = threeCDocument.risks[0]?.id as string;
    const read = await api(`risks/${id}`);
    const etag = read.headers.get('etag') as string;
    const patch = (body: unknown, headers: Record<string, string>) =>
      json(`risks/${id}`, {
        method: 'PATCH',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      });

    expect((await patch({ probability: 'Possible' }, {})).status).toBe(428);
    const first = await patch({ probability: 'Possible', impact: 'High' }, { 'if-match': etag });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).not.toBe(etag);

    const stale = await patch({ probability: 'Likely' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    const invalid = await patch({ probability: 'Sometimes' }, { 'if-match': first.headers.get('etag') as string });
    expect(invalid.status).toBe(400);

    const now = await json(`risks/${id}`);
    expect(now.body.probability).toBe('Possible');
    expect(now.body.impact).toBe('High');
  });

  it('apportions a cost to the penny by the plan rules', async () => {
    const staff = await post('apportion', JSON.stringify({ rule: 'staff', amountPence: 100_000_00, year: '2020-21' }));
    expect(staff.status).toBe(200);
    expect(staff.body.shares.reduce((sum: number, s: any) => sum + s.pence, 0)).toBe(100_000_00);
    expect(staff.body.shares.map((s: any) => s.partnerCode)).toEqual(['CCC', 'HDC', 'SCDC']);

    const unknownPartner = await post(
      'apportion',
      JSON.stringify({ rule: 'project', amountPence: 100, drivers: { PCC: 5 } }),
    );
    expect(unknownPartner.status).toBe(400);
  });

  it('serves the demo sign-in page, framable by Teams only, with every demo user', async () => {
    const page = await fetch(`${app.baseUrl}/dev/sign-in`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors https:\/\/teams\.microsoft\.com/);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*(;|\s|$)/);
    expect(csp).toMatch(/script-src 'self'/);
    const config = (await (await fetch(`${app.baseUrl}/dev/sign-in/config.json`)).json()) as any;
    expect(config.partnerships.map((p: any) => p.name)).toEqual(['3C ICT', 'Cambridgeshire and Peterborough']);
    expect(config.partnerships[0].users.map((u: any) => u.userPrincipalName)).toContain(
      'sam.smith@huntingdonshire.example',
    );

    const signIn = await fetch(`${app.baseUrl}/dev/sign-in/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userPrincipalName: 'nina.patel@peterborough.example' }),
    });
    const { accessToken } = (await signIn.json()) as any;
    const me = await fetch(`${app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await me.json()) as any).caller).toMatchObject({ partnershipId: 'cambs-pboro', partnerCode: 'PCC' });
  });

  it('allows cross-origin calls from Teams and refuses other origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.baseUrl}/api/plan?year=2020-21`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const teams = await preflight('https://teams.microsoft.com');
    expect(teams.status).toBe(204);
    expect(teams.headers.get('access-control-allow-origin')).toBe('https://teams.microsoft.com');
    expect(teams.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const read = await api('plan?year=2020-21', { headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('runs a timer function on demand like the Functions host', async () => {
    const response = await fetch(`${app.baseUrl}/admin/functions/recordHeartbeat`, { method: 'POST' });
    expect(response.status).toBe(202);
    const unknown = await fetch(`${app.baseUrl}/admin/functions/noSuchFunction`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('stops everything it started on Ctrl-C', async () => {
    const group = app.process.pid as number;
    expect(processesInGroup(group).length).toBeGreaterThan(1);
    await app.interrupt();
    expect(await waitForGroupToEnd(group)).toEqual([]);
    expect(app.output()).toMatch(/SIGINT: stopping the local host and stand-ins[\s\S]*Stopped\./);
  });
});
