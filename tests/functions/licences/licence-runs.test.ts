import { QueueClient } from '@azure/storage-queue';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LicenceApp, startLicenceApp } from '../../support/licence-stack';

const USERS = {
  priya: 'priya.shah@cambridge.example',
  dana: 'dana.ward@scambs.example',
  sam: 'sam.smith@huntingdonshire.example',
  jo: 'jo.baker@huntingdonshire.example',
  nina: 'nina.patel@peterborough.example',
};
/** Microsoft 365 E3 at the demo price, £30.80 a month, for a year. */
const E3_YEAR = 3080 * 12;

type Answer = { status: number; contentType: string; text: string; body: any };

/**
 * Reconciliation runs over real HTTP with verified tokens, worked through by the queue-triggered worker of the
 * local host: who may start one, that runs never overlap, the progress a caller polls, and that each caller sees
 * only the findings and report of their own council (the shared service's administrator all of them). The
 * councils' directories are the simulated Graph with the demo population and its ten planted findings.
 */
describe('licence runs over HTTP', () => {
  let app: LicenceApp;
  /** Every answer the API gave in this file, to check that none leaks a delta link. */
  const answers: Answer[] = [];
  let runId: string;

  const call = async (user: string | null, method: string, path: string): Promise<Answer> => {
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: user ? { authorization: `Bearer ${await app.tokenFor(user)}` } : {},
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const answer = {
      status: response.status,
      contentType,
      text,
      body: contentType.startsWith('application/json') ? JSON.parse(text) : null,
    };
    answers.push(answer);
    return answer;
  };
  const runsOf = async (partnershipId: string) =>
    (await app.runtime.stores.licenceRuns.list(partnershipId, { pageSize: 50 })).items;
  const councilsOfRows = (csv: string) =>
    (parse(csv, { bom: true, columns: true }) as Record<string, string>[]).map((row) => ({
      id: row.Finding as string,
      councils: (row.Councils as string).split(' '),
    }));

  beforeAll(async () => {
    app = await startLicenceApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses to start a run without a token (401), for staff (403), and where no reconciler is set up (409)', async () => {
    expect((await call(null, 'POST', 'licences/runs')).status).toBe(401);
    expect((await call(USERS.jo, 'POST', 'licences/runs')).status).toBe(403);
    const elsewhere = await call(USERS.nina, 'POST', 'licences/runs');
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.message).toContain('No tenants are set up');

    // Nothing was queued or recorded for either partnership, and the worker was never called.
    expect(await runsOf('3c-ict')).toEqual([]);
    expect(await runsOf('cambs-pboro')).toEqual([]);
    const queue = new QueueClient(app.env.HUB_STORAGE as string, app.env.LICENCE_RUN_QUEUE as string);
    await queue.createIfNotExists();
    expect((await queue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems).toEqual([]);
    expect(app.hostLog.filter((line) => line.includes('runLicenceReconciliation'))).toEqual([]);
  });

  it('queues a run for a licence administrator (202), refuses a second one meanwhile (409), and shows progress', async () => {
    // Each page of users takes a while, so the run is still going when the second request comes.
    for (const tenant of app.population.tenants) app.graph.setFaults(tenant.tenantId, { pageDelayMs: 1500 });
    const requested = await call(USERS.priya, 'POST', 'licences/runs');
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({
      partnershipId: '3c-ict',
      status: 'queued',
      trigger: 'manual',
      requestedBy: { partnerCode: 'CCC', name: 'Priya Shah' },
    });
    expect(requested.body).not.toHaveProperty('tenantState');
    runId = requested.body.id;
    expect(runId).toMatch(/^run-/);

    const second = await call(USERS.sam, 'POST', 'licences/runs');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(runId);

    const seen: any[] = [];
    const deadline = Date.now() + 45_000;
    let latest: any;
    const extraRuns: string[] = [];
    do {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const answer = await call(USERS.priya, 'GET', `licences/runs/${runId}`);
      expect(answer.status).toBe(200);
      latest = answer.body;
      seen.push(latest);
      if (latest.status === 'running') {
        const again = await call(USERS.dana, 'POST', 'licences/runs');
        if (again.status === 202) {
          // Only possible when the run finished and gave its lease back between the poll and this request.
          const first = await call(USERS.priya, 'GET', `licences/runs/${runId}`);
          expect(first.body.status, 'a request while the run is running').toBe('succeeded');
          extraRuns.push(again.body.id);
        } else {
          expect(again.status, 'a request while the run is running').toBe(409);
          // Named, unless the run wrote its outcome between the poll and this request and is giving its lease back.
          expect(again.body.error.message).toMatch(new RegExp(`${runId}|one is just finishing`));
        }
      }
    } while (!['succeeded', 'failed'].includes(latest.status) && Date.now() < deadline);
    app.clearFaults();
    // A run let in by that race must end before the next test asks for one.
    for (const extra of extraRuns) {
      while (Date.now() < deadline) {
        const run = await call(USERS.priya, 'GET', `licences/runs/${extra}`);
        if (['succeeded', 'failed'].includes(run.body.status)) break;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }

    expect(latest.status, latest.error).toBe('succeeded');
    // The tab saw the run at work: running, with tenants reading their seats, before it was done.
    const running = seen.filter((run) => run.status === 'running');
    expect(running.length).toBeGreaterThan(0);
    expect(running.some((run) => run.progress.some((p: any) => p.phase !== 'waiting' && p.phase !== 'done'))).toBe(
      true,
    );
    expect(latest.progress).toHaveLength(3);
    for (const progress of latest.progress) {
      expect(progress.phase).toBe('done');
      expect(progress.usersRead).toBeGreaterThan(0);
    }
    // A council's licence administrator sees their own council's figures and report only: the totals are CCC's.
    const stored = (await app.runtime.stores.licenceRuns.get('3c-ict', runId))?.record.totals;
    expect(stored).toMatchObject({ findings: 10, annualCostPence: 11 * E3_YEAR });
    const own = stored?.byPartner.CCC as { count: number; annualCostPence: number };
    expect(own.count).toBeGreaterThan(0);
    expect(own.count).toBeLessThan(10);
    expect(latest.totals).toEqual({
      findings: own.count,
      annualCostPence: own.annualCostPence,
      byPartner: { CCC: own },
    });
    expect(latest.reports).toEqual({ byPartner: { CCC: expect.any(String) } });
    // The host logs the function's end just after the run's last write.
    await vi.waitFor(() =>
      expect(app.hostLog.some((line) => line.includes('[queue] runLicenceReconciliation succeeded'))).toBe(true),
    );

    const listed = await call(USERS.sam, 'GET', 'licences/runs');
    expect(listed.status).toBe(200);
    // Newest first: a run let in by the race above is listed before the first one.
    const expected = [...extraRuns].reverse().concat(runId);
    expect(listed.body.items.map((run: any) => [run.id, run.status])).toEqual(expected.map((id) => [id, 'succeeded']));
    // The next tests read the latest run, which such a run then is.
    runId = expected[0] ?? runId;
  }, 60_000);

  it("shows a licence administrator only their council's findings, cross-council ones included; the shared service all", async () => {
    const all = await call(USERS.sam, 'GET', 'licences/findings');
    expect(all.status).toBe(200);
    expect(all.body.run.id).toBe(runId);
    expect(all.body.findings).toHaveLength(10);
    expect(all.body.findings.reduce((sum: number, f: any) => sum + f.annualCostPence, 0)).toBe(11 * E3_YEAR);

    for (const [user, code] of [
      [USERS.priya, 'CCC'],
      [USERS.dana, 'SCDC'],
    ] as const) {
      const own = await call(user, 'GET', 'licences/findings');
      expect(own.status).toBe(200);
      const findings = own.body.findings as { id: string; partnerCodes: string[] }[];
      expect(
        findings.every((f) => f.partnerCodes.includes(code)),
        code,
      ).toBe(true);
      expect(
        findings.some((f) => f.partnerCodes.length > 1),
        `${code} sees cross-council duplicates`,
      ).toBe(true);
      const expected = all.body.findings.filter((f: any) => f.partnerCodes.includes(code));
      expect(expected.length).toBeLessThan(10);
      expect(findings.map((f) => f.id).sort(), code).toEqual(expected.map((f: any) => f.id).sort());
    }
    expect((await call(USERS.jo, 'GET', 'licences/findings')).status).toBe(403);
  });

  it("serves a licence administrator their council's CSV report, never staff", async () => {
    const report = await call(USERS.dana, 'GET', `licences/runs/${runId}/report.csv`);
    expect(report.status).toBe(200);
    expect(report.contentType).toMatch(/^text\/csv/);
    const rows = councilsOfRows(report.text);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.councils.includes('SCDC'))).toBe(true);
    const danas = (await call(USERS.dana, 'GET', 'licences/findings')).body.findings.map((f: any) => f.id);
    expect(rows.map((row) => row.id).sort()).toEqual(danas.sort());

    const whole = await call(USERS.sam, 'GET', `licences/runs/${runId}/report.csv`);
    expect(whole.status).toBe(200);
    expect(councilsOfRows(whole.text)).toHaveLength(10);

    expect((await call(USERS.jo, 'GET', `licences/runs/${runId}/report.csv`)).status).toBe(403);
    expect((await call(null, 'GET', `licences/runs/${runId}/report.csv`)).status).toBe(401);
  });

  it('lets the next run start once one has finished: the lease was given back', async () => {
    const next = await call(USERS.sam, 'POST', 'licences/runs');
    expect(next.status, next.text).toBe(202);
    expect(next.body.id).not.toBe(runId);
    const deadline = Date.now() + 30_000;
    let status = next.body.status;
    while (!['succeeded', 'failed'].includes(status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await call(USERS.sam, 'GET', `licences/runs/${next.body.id}`)).body.status;
    }
    expect(status).toBe('succeeded');
    const findings = await call(USERS.sam, 'GET', 'licences/findings');
    expect(findings.body.run.id).toBe(next.body.id);
    expect(findings.body.findings).toHaveLength(10);
  }, 40_000);

  it('never shows a delta link, in any answer', async () => {
    for (const user of [USERS.sam, USERS.priya]) {
      await call(user, 'GET', `licences/runs/${runId}`);
      await call(user, 'GET', 'licences/runs');
    }
    // The stored run does hold them: the API is what keeps them in.
    const stored = await app.runtime.stores.licenceRuns.get('3c-ict', runId);
    expect(stored?.record.tenantState.map((t) => t.deltaLink)).toHaveLength(3);
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) {
      expect(answer.text).not.toMatch(/deltaLink|deltatoken|tenantState/i);
    }
  });
});
