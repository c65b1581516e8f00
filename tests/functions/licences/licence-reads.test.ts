import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobServiceClient } from '../../../shared/stores/blob/blob-client';
import { BlobLicenceFiles } from '../../../shared/stores/blob/licence-files';
import { finding, licenceRun, prices, seat } from '../../shared/licences/licence-fixtures';
import { type SecuredApp, startSecuredApp } from '../../support/secured-app';

const USERS = {
  cityLicenceAdmin: 'priya.shah@cambridge.example',
  scdcLicenceAdmin: 'dana.ward@scambs.example',
  sharedServiceAdmin: 'sam.smith@huntingdonshire.example',
  hdcStaff: 'jo.baker@huntingdonshire.example',
  otherPartnershipLicenceAdmin: 'nina.patel@peterborough.example',
};
const RUN = `run-${randomUUID().slice(0, 8)}`;
const OLDER_RUN = `run-${randomUUID().slice(0, 8)}`;
const FAILED_RUN = `run-${randomUUID().slice(0, 8)}`;
const PBORO_RUN = `run-${randomUUID().slice(0, 8)}`;
const COUNCILS = ['CCC', 'HDC', 'SCDC'];
const csvOf = (code: string) =>
  `type,council,account\r\nduplicate-seat,${code},someone@${code.toLowerCase()}.example\r\n`;

/**
 * The licence reads over real HTTP with real tokens: who may see what of the reconciler's findings, runs, reports
 * and history, and the starter check. Records are seeded straight into the app's database and blob storage.
 */
describe('licence reads', () => {
  let app: SecuredApp;
  const call = async (user: string | null, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${await app.tokenFor(user)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.startsWith('application/json');
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: (isJson ? JSON.parse(text) : null) as any,
    };
  };
  const findingIds = (answer: { body: { findings: { id: string }[] } }) => answer.body.findings.map((f) => f.id).sort();

  beforeAll(async () => {
    app = await startSecuredApp();
    const { stores } = app.runtime;
    const files = new BlobLicenceFiles(createBlobServiceClient(app.runtime.settings));
    const partnership = (id: string) => app.datasets.find((d) => d.partnership.id === id)?.partnership;
    const tenantOf = (code: string) => partnership('3c-ict')?.partners.find((p) => p.code === code)?.tenantId as string;

    const run3c = (id: string, day: number) =>
      licenceRun(day, {
        id,
        partnershipId: '3c-ict',
        tenantState: COUNCILS.map((code) => ({
          partnerCode: code,
          tenantId: tenantOf(code),
          deltaLink: `https://graph.microsoft.com/v1.0/users/delta?$deltatoken=secret-${code}`,
          snapshot: `3c-ict/${id}/${code}.jsonl.gz`,
          fullScanAt: '2026-11-01T02:00:00.000Z',
          signInsReadAt: null,
          accounts: 2,
        })),
        reports: {
          all: `3c-ict/${id}/all.csv`,
          byPartner: Object.fromEntries(COUNCILS.map((code) => [code, `3c-ict/${id}/${code}.csv`])),
        },
      });
    await stores.licenceRuns.create(run3c(OLDER_RUN, 1));
    const pair = (a: string, b: string, n: number) => {
      const accountKeys = [a, b]
        .map((code) => `${tenantOf(code)}/dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}`)
        .sort() as [string, string];
      return {
        id: accountKeys.join('+'),
        accountKeys,
        partnerCodes: [a, b].sort(),
        accounts: [a, b].map((code) => ({
          tenantId: tenantOf(code),
          partnerCode: code,
          id: `dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}`,
          userPrincipalName: `namesake${n}@${code.toLowerCase()}.example`,
          displayName: `Namesake ${n}`,
          skuPartNumbers: ['SPE_E3'],
        })),
        reason: `same name "namesake ${n}"`,
      };
    };
    await stores.licenceRuns.create({
      ...run3c(RUN, 2),
      candidates: [pair('CCC', 'HDC', 1), pair('HDC', 'SCDC', 2), pair('CCC', 'SCDC', 3)],
    });
    await stores.licenceRuns.create({
      ...licenceRun(3, { status: 'failed' }),
      id: FAILED_RUN,
      partnershipId: '3c-ict',
    });
    await stores.licenceFindings.saveAll('3c-ict', OLDER_RUN, [finding('old-ccc', ['CCC'])]);
    await stores.licenceFindings.saveAll('3c-ict', RUN, [
      finding('ccc-only', ['CCC'], 'inactive-licensed'),
      finding('ccc-hdc', ['CCC', 'HDC']),
      finding('hdc-only', ['HDC'], 'leaver-licensed'),
      finding('hdc-scdc', ['HDC', 'SCDC']),
      finding('scdc-only', ['SCDC'], 'disabled-licensed'),
    ]);
    await stores.licenceFindings.saveAll('3c-ict', FAILED_RUN, [finding('failed-ccc', ['CCC'])]);
    await stores.licencePrices.upsertMany([{ id: 'prices', partnershipId: '3c-ict', sequence: 0, priceList: prices }]);
    await files.writeReport(`3c-ict/${RUN}/all.csv`, `type,council,account\r\n${COUNCILS.join(',')}\r\n`);
    for (const code of COUNCILS) await files.writeReport(`3c-ict/${RUN}/${code}.csv`, csvOf(code));
    await files.writeSnapshot(`3c-ict/${RUN}/CCC.jsonl.gz`, [seat('CCC', { employeeId: 'E1234' })]);
    await files.writeSnapshot(`3c-ict/${RUN}/HDC.jsonl.gz`, [
      seat('HDC', {
        displayName: 'Jane Doe',
        userPrincipalName: 'jane.doe@huntingdonshire.example',
        employeeId: 'e1234',
      }),
    ]);
    await files.writeSnapshot(`3c-ict/${RUN}/SCDC.jsonl.gz`, [seat('SCDC')]);

    await stores.licenceRuns.create({
      ...licenceRun(2, { tenantState: [], reports: { all: `cambs-pboro/${PBORO_RUN}/all.csv`, byPartner: {} } }),
      id: PBORO_RUN,
      partnershipId: 'cambs-pboro',
    });
    await stores.licenceFindings.saveAll('cambs-pboro', PBORO_RUN, [finding('pcc-only', ['PCC'])]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const reads = () => [
    ['GET', 'licences/findings'],
    ['GET', 'licences/runs'],
    ['GET', `licences/runs/${RUN}`],
    ['GET', `licences/runs/${RUN}/report.csv`],
    ['GET', 'licences/history'],
    ['GET', 'licences/match-candidates'],
    ['POST', 'licences/starter-check'],
  ];

  it('refuses a caller without a token (401) and staff (403) on every licence read', async () => {
    for (const [method, path] of reads()) {
      const body = method === 'POST' ? { name: 'Jane Doe', employeeId: 'E1234' } : undefined;
      expect((await call(null, method as string, path as string, body)).status, `${method} ${path}`).toBe(401);
      const staff = await call(USERS.hdcStaff, method as string, path as string, body);
      expect(staff.status, `${method} ${path}`).toBe(403);
      expect(staff.text).not.toContain('hdc-only');
    }
  });

  it("shows a licence administrator of the other partnership none of 3C ICT's data", async () => {
    const user = USERS.otherPartnershipLicenceAdmin;
    const findings = await call(user, 'GET', 'licences/findings');
    expect(findings.status).toBe(200);
    expect(findings.body.run.id).toBe(PBORO_RUN);
    expect(findingIds(findings)).toEqual(['pcc-only']);
    const runs = await call(user, 'GET', 'licences/runs');
    expect(runs.body.items.map((run: { id: string }) => run.id)).toEqual([PBORO_RUN]);
    expect((await call(user, 'GET', `licences/runs/${RUN}`)).status).toBe(404);
    expect((await call(user, 'GET', `licences/runs/${RUN}/report.csv`)).status).toBe(404);
    const history = await call(user, 'GET', 'licences/history');
    expect(history.body.points.map((p: { runId: string }) => p.runId)).toEqual([PBORO_RUN]);
  });

  it('gives a council licence administrator only the findings involving their council', async () => {
    const mine = await call(USERS.cityLicenceAdmin, 'GET', 'licences/findings');
    expect(mine.status).toBe(200);
    expect(mine.body.run).toEqual({ id: RUN, finishedAt: '2026-11-02T02:30:00.000Z' });
    expect(findingIds(mine)).toEqual(['ccc-hdc', 'ccc-only']);
    const withHdc = await call(USERS.cityLicenceAdmin, 'GET', 'licences/findings?partnerCode=HDC');
    expect(findingIds(withHdc)).toEqual(['ccc-hdc']);
    const duplicates = await call(USERS.cityLicenceAdmin, 'GET', 'licences/findings?type=duplicate-seat');
    expect(findingIds(duplicates)).toEqual(['ccc-hdc']);
    const everything = await call(USERS.sharedServiceAdmin, 'GET', 'licences/findings');
    expect(findingIds(everything)).toEqual(['ccc-hdc', 'ccc-only', 'hdc-only', 'hdc-scdc', 'scdc-only']);
  });

  it('refuses a malformed findings query with 400', async () => {
    for (const query of ['type=waste', 'partnerCode=ccc', 'runId=x']) {
      const answer = await call(USERS.sharedServiceAdmin, 'GET', `licences/findings?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('invalid-input');
    }
  });

  it("never shows a run's tenant state, and scopes its figures to a licence administrator", async () => {
    const runs = await call(USERS.cityLicenceAdmin, 'GET', 'licences/runs?pageSize=10');
    expect(runs.status).toBe(200);
    expect(runs.body.items.map((run: { id: string }) => run.id)).toEqual([FAILED_RUN, RUN, OLDER_RUN]);
    expect(runs.text).not.toMatch(/tenantState|deltatoken|jsonl\.gz|summaryCard/);
    const one = await call(USERS.cityLicenceAdmin, 'GET', `licences/runs/${RUN}`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.body.totals.byPartner)).toEqual(['CCC']);
    expect(one.body.reports).toEqual({ byPartner: { CCC: `3c-ict/${RUN}/CCC.csv` } });
    expect(one.text).not.toMatch(/tenantState|deltatoken/);
    const shared = await call(USERS.sharedServiceAdmin, 'GET', `licences/runs/${RUN}`);
    expect(Object.keys(shared.body.totals.byPartner).sort()).toEqual(COUNCILS);
    expect(shared.text).not.toMatch(/tenantState|deltatoken/);
    expect((await call(USERS.sharedServiceAdmin, 'GET', 'licences/runs/no-such-run')).status).toBe(404);
  });

  it("gives the trend of each council's waste to the partnership admin, and their own to a licence admin", async () => {
    const all = await call(USERS.sharedServiceAdmin, 'GET', 'licences/history');
    expect(all.body.points.map((p: { runId: string }) => p.runId)).toEqual([OLDER_RUN, RUN]);
    expect(Object.keys(all.body.points[1].byPartner).sort()).toEqual(COUNCILS);
    const mine = await call(USERS.cityLicenceAdmin, 'GET', 'licences/history');
    expect(mine.body.points[1]).toEqual({
      runId: RUN,
      finishedAt: '2026-11-02T02:30:00.000Z',
      annualCostPence: 40_002,
      byPartner: { CCC: 40_002 },
    });
  });

  it('lists the candidate matches of the last good run, a licence administrator those involving their council', async () => {
    const mine = await call(USERS.cityLicenceAdmin, 'GET', 'licences/match-candidates');
    expect(mine.status).toBe(200);
    expect(mine.body.run).toEqual({ id: RUN, finishedAt: '2026-11-02T02:30:00.000Z' });
    expect(mine.body.items.map((c: { partnerCodes: string[] }) => c.partnerCodes)).toEqual([
      ['CCC', 'HDC'],
      ['CCC', 'SCDC'],
    ]);
    expect(mine.text).not.toContain('Namesake 2');
    const all = await call(USERS.sharedServiceAdmin, 'GET', 'licences/match-candidates');
    expect(all.body.items).toHaveLength(3);
    const staff = await call(USERS.hdcStaff, 'GET', 'licences/match-candidates');
    expect(staff.status).toBe(403);
    expect(staff.text).not.toContain('Namesake');
  });

  it("downloads the council's report for its licence administrator and the whole report for the partnership", async () => {
    const city = await call(USERS.cityLicenceAdmin, 'GET', `licences/runs/${RUN}/report.csv`);
    expect(city.status).toBe(200);
    expect(city.text).toBe(csvOf('CCC'));
    expect(city.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(city.headers.get('content-disposition')).toBe('attachment; filename="licence-report-2026-11-02-CCC.csv"');
    expect(city.headers.get('x-content-type-options')).toBe('nosniff');
    expect(city.headers.get('cache-control')).toBe('no-store');
    const scdc = await call(USERS.scdcLicenceAdmin, 'GET', `licences/runs/${RUN}/report.csv`);
    expect(scdc.text).toBe(csvOf('SCDC'));
    const all = await call(USERS.sharedServiceAdmin, 'GET', `licences/runs/${RUN}/report.csv`);
    expect(all.text).toBe('type,council,account\r\nCCC,HDC,SCDC\r\n');
    expect(all.headers.get('content-disposition')).toContain('licence-report-2026-11-02-all.csv');
    expect((await call(USERS.hdcStaff, 'GET', `licences/runs/${RUN}/report.csv`)).status).toBe(403);
    expect((await call(USERS.sharedServiceAdmin, 'GET', `licences/runs/${FAILED_RUN}/report.csv`)).status).toBe(404);
  });

  it("checks a starter against the other councils' seats", async () => {
    const answer = await call(USERS.cityLicenceAdmin, 'POST', 'licences/starter-check', {
      name: 'Jane Doe',
      employeeId: 'E1234',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      partnerCode: 'CCC',
      basedOnRunId: RUN,
      basedOnRunFinishedAt: '2026-11-02T02:30:00.000Z',
      seats: [
        {
          partnerCode: 'HDC',
          userPrincipalName: 'jane.doe@huntingdonshire.example',
          matchedOn: 'employee-id',
          confidence: 'high',
          annualCostPence: 36_960,
        },
      ],
      annualCostPence: 36_960,
      advice:
        'Do not buy a seat at CCC: Jane Doe already holds Microsoft 365 E3 at HDC (£369.60 a year). ' +
        'Give access as a guest, or move the seat.',
    });
    const forHdc = await call(USERS.sharedServiceAdmin, 'POST', 'licences/starter-check', {
      name: 'Jane Doe',
      employeeId: 'E1234',
      partnerCode: 'HDC',
    });
    expect(forHdc.body.seats.map((s: { partnerCode: string }) => s.partnerCode)).toEqual(['CCC']);
  });

  it('refuses a starter check with bad input (400) or for another council (403)', async () => {
    const bad = [
      { name: 'Jane Doe' },
      { name: 'Jane Doe', email: 'not-an-email' },
      { name: '', employeeId: 'E1' },
      { name: 'Jane Doe', employeeId: 'E1', tenantId: 'x' },
    ];
    for (const body of bad) {
      const answer = await call(USERS.cityLicenceAdmin, 'POST', 'licences/starter-check', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('invalid-input');
    }
    const unknown = await call(USERS.sharedServiceAdmin, 'POST', 'licences/starter-check', {
      name: 'Jane Doe',
      employeeId: 'E1',
      partnerCode: 'PCC',
    });
    expect(unknown.status).toBe(400);
    const otherCouncil = await call(USERS.cityLicenceAdmin, 'POST', 'licences/starter-check', {
      name: 'Jane Doe',
      employeeId: 'E1',
      partnerCode: 'HDC',
    });
    expect(otherCouncil.status).toBe(403);
  });
});
