import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecuredApp, startSecuredApp } from '../../support/secured-app';

const USERS = {
  admin: 'sam.smith@huntingdonshire.example',
  financeAdmin: 'sagar.roy@huntingdonshire.example',
  cityApprover: 'fiona.bryant@cambridge.example',
  hdcApprover: 'oliver.morley@huntingdonshire.example',
  scdcApprover: 'mike.hill@scambs.example',
  staff: 'jo.baker@huntingdonshire.example',
  otherPartnership: 'nina.patel@peterborough.example',
};
const WIFI = 'bid-2020-21-wifi-access-point-replacement';
/** The plan's capital bids table 2020/21, TOTAL row. */
const PLAN_TOTALS = { SCDC: 195_068, CCC: 344_575, HDC: 264_825 };
const shares = (amounts: Record<string, number>) =>
  Object.entries(amounts).map(([partnerCode, amount]) => ({ partnerCode, amount }));

/**
 * The capital bid workflow over real HTTP, tokens from the simulated tenants, Cosmos DB through the SDK: the
 * shared service drafts and submits, each council's bid approver decides its own share, a finance approver moves
 * shares to revenue, and nobody else changes anything.
 */
describe('capital bids API', () => {
  let app: SecuredApp;
  const tokens = new Map<string, string>();
  const call = async (
    user: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (user && !tokens.has(user)) tokens.set(user, await app.tokenFor(user));
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${tokens.get(user)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as any };
  };
  const stored = async (id: string) => (await app.runtime.stores.bids.get('3c-ict', id))?.record as any;
  const auditOf = async (id: string) =>
    (await app.runtime.stores.audit.listAll('3c-ict')).map((e) => e.record).filter((e) => e.target.id === id);
  const totals2020 = async () => (await call(USERS.staff, 'GET', 'bids?year=2020-21')).body.totals;

  /** A bid of 2021-22 drafted and submitted by the partnership admin; answers its id and ETag. */
  const submitted = async (amounts: Record<string, number>, title = 'Firewall refresh') => {
    const draft = await call(USERS.admin, 'POST', 'bids', { year: '2021-22', title, shares: shares(amounts) });
    expect(draft.status).toBe(201);
    const sent = await call(USERS.admin, 'POST', `bids/${draft.body.id}/submit`);
    expect(sent.status).toBe(200);
    return { id: draft.body.id as string, etag: sent.etag as string };
  };

  beforeAll(async () => {
    app = await startSecuredApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses every bid route without a token (401)', async () => {
    for (const [method, path] of [
      ['GET', 'bids?year=2020-21'],
      ['GET', `bids/${WIFI}`],
      ['POST', 'bids'],
      ['PATCH', `bids/${WIFI}`],
      ['POST', `bids/${WIFI}/submit`],
      ['POST', `bids/${WIFI}/decisions`],
      ['POST', `bids/${WIFI}/revenue`],
      ['POST', `bids/${WIFI}/resubmit`],
    ] as const) {
      const response = await call(null, method, path, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it("totals 2020/21 per council exactly as the plan's capital bids table, as submitted in the plan", async () => {
    const list = await call(USERS.staff, 'GET', 'bids?year=2020-21');
    expect(list.status).toBe(200);
    expect(list.body.bids).toHaveLength(10);
    expect(list.body.totals.byPartner).toEqual(PLAN_TOTALS);
    expect(list.body.totals.total).toBe(804_468);
    expect(list.body.totals.movedToRevenueByPartner).toEqual({ CCC: 0, HDC: 22_750, SCDC: 0 });
    expect(list.body.totals.capital.byPartner).toEqual({ ...PLAN_TOTALS, HDC: 242_075 });
    const wifi = list.body.bids.find((b: any) => b.id === WIFI);
    expect(wifi).toMatchObject({ status: 'submitted', origin: 'plan', awaiting: ['SCDC', 'HDC'] });
  });

  it('lets the partnership admin draft (validated), edit with If-Match and submit; staff change nothing', async () => {
    const bad = await call(USERS.admin, 'POST', 'bids', {
      year: '2021-22',
      title: 'Bad',
      shares: [...shares({ CCC: -1, HDC: 10.5 }), { partnerCode: 'PCC', amount: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: any) => p.path)).toEqual(['body.shares.0.amount', 'body.shares.1.amount']);
    const missing = await call(USERS.admin, 'POST', 'bids', {
      year: '2021-22',
      title: 'Missing SCDC',
      shares: shares({ CCC: 1, HDC: 1 }),
      total: 3,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.problems).toEqual([
      { path: 'shares', message: expect.stringContaining('SCDC is missing') },
      { path: 'total', message: 'the total 3 differs from the sum of the shares, 2' },
    ]);
    const byStaff = await call(USERS.staff, 'POST', 'bids', {
      year: '2021-22',
      title: 'x',
      shares: shares({ CCC: 1 }),
    });
    expect(byStaff.status).toBe(403);
    expect((await call(USERS.staff, 'GET', 'bids?state=draft')).body.bids).toEqual([]);

    const draft = await call(USERS.admin, 'POST', 'bids', {
      year: '2021-22',
      title: 'Wireless refresh',
      shares: shares({ SCDC: 5_000, CCC: 0, HDC: 10_000 }),
    });
    expect(draft.status).toBe(201);
    expect(draft.etag).toMatch(/^".+"$/);
    expect(draft.body).toMatchObject({ status: 'draft', total: 15_000, round: 0, awaiting: [] });
    const id = draft.body.id;
    expect((await call(USERS.admin, 'PATCH', `bids/${id}`, { title: 'x' })).status).toBe(428);
    const edited = await call(
      USERS.admin,
      'PATCH',
      `bids/${id}`,
      { title: 'Wireless access points' },
      { 'if-match': draft.etag as string },
    );
    expect(edited.status).toBe(200);
    const stale = await call(
      USERS.admin,
      'PATCH',
      `bids/${id}`,
      { title: 'Older' },
      { 'if-match': draft.etag as string },
    );
    expect(stale.status).toBe(412);
    expect((await call(USERS.staff, 'POST', `bids/${id}/submit`)).status).toBe(403);

    const sent = await call(USERS.admin, 'POST', `bids/${id}/submit`, undefined, { 'if-match': edited.etag as string });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      status: 'submitted',
      title: 'Wireless access points',
      round: 1,
      awaiting: ['HDC', 'SCDC'],
    });
    const mine = await call(USERS.scdcApprover, 'GET', 'bids?awaiting=mine');
    expect(mine.body.bids.map((b: any) => b.id)).toEqual(expect.arrayContaining([WIFI, id]));
    expect(mine.body.bids.every((b: any) => b.awaiting.includes('SCDC'))).toBe(true);
    const city = await call(USERS.cityApprover, 'GET', 'bids?awaiting=mine&year=2021-22');
    expect(city.body.bids).toEqual([]);
    expect((await call(USERS.staff, 'GET', 'bids?state=pending')).status).toBe(400);
  });

  it("refuses decisions by staff, by an approver for another council's share, and by a zero-share council", async () => {
    const { id } = await submitted({ SCDC: 6_768, CCC: 0, HDC: 11_700 });
    const before = await stored(id);
    const byStaff = await call(USERS.staff, 'POST', `bids/${id}/decisions`, { decision: 'approve' });
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.error.message).toContain('bid-approver');
    const forHdc = await call(USERS.cityApprover, 'POST', `bids/${id}/decisions`, {
      decision: 'approve',
      partnerCode: 'HDC',
    });
    expect(forHdc.status).toBe(403);
    expect(forHdc.body.error.message).toContain("You decide CCC's share only");
    const zero = await call(USERS.cityApprover, 'POST', `bids/${id}/decisions`, { decision: 'approve' });
    expect(zero.status).toBe(403);
    expect(zero.body.error.message).toBe(
      'CCC has no share in "Firewall refresh" (£0), so it is not asked to decide it.',
    );
    const noReason = await call(USERS.hdcApprover, 'POST', `bids/${id}/decisions`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.problems).toEqual([
      { path: 'body.comment', message: expect.stringContaining('say why') },
    ]);
    expect(await stored(id)).toEqual(before);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['bid.draft', 'bid.submit']);
  });

  it("shows the other partnership none of 3C ICT's bids and lets it decide none (404)", async () => {
    const { id } = await submitted({ SCDC: 1, CCC: 1, HDC: 1 });
    expect((await call(USERS.otherPartnership, 'GET', `bids/${id}`)).status).toBe(404);
    expect((await call(USERS.otherPartnership, 'GET', `bids/${WIFI}`)).status).toBe(404);
    const decided = await call(USERS.otherPartnership, 'POST', `bids/${id}/decisions`, { decision: 'approve' });
    expect(decided.status).toBe(404);
    const list = await call(USERS.otherPartnership, 'GET', 'bids?year=2020-21');
    expect(list.body.bids).toEqual([]);
    expect(list.body.totals.byPartner).toEqual({ CCC: 0, PCC: 0 });
    expect((await stored(id)).decisions).toEqual([]);
  });

  it('decides share by share: one reject rejects, the admin re-scopes and resubmits, all approve approves', async () => {
    const { id } = await submitted({ SCDC: 2_820, CCC: 7_305, HDC: 4_875 }, 'Call management');
    const hdc = await call(USERS.hdcApprover, 'POST', `bids/${id}/decisions`, { decision: 'approve', comment: 'Yes' });
    expect(hdc.status).toBe(201);
    expect(hdc.body.awaiting).toEqual(['CCC', 'SCDC']);
    const again = await call(USERS.hdcApprover, 'POST', `bids/${id}/decisions`, {
      decision: 'reject',
      comment: 'Changed mind',
    });
    expect(again.status).toBe(200);
    expect(again.body.decisions).toHaveLength(1);
    const rejected = await call(USERS.scdcApprover, 'POST', `bids/${id}/decisions`, {
      decision: 'reject',
      comment: 'Too much',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', awaiting: [] });

    const rescoped = { shares: shares({ SCDC: 1_000, CCC: 7_305, HDC: 4_875 }), comment: 'SCDC share reduced' };
    expect((await call(USERS.admin, 'POST', `bids/${id}/resubmit`, rescoped)).status).toBe(428);
    expect(
      (await call(USERS.hdcApprover, 'POST', `bids/${id}/resubmit`, rescoped, { 'if-match': rejected.etag as string }))
        .status,
    ).toBe(403);
    const round2 = await call(USERS.admin, 'POST', `bids/${id}/resubmit`, rescoped, {
      'if-match': rejected.etag as string,
    });
    expect(round2.status).toBe(200);
    expect(round2.body).toMatchObject({
      status: 'submitted',
      round: 2,
      total: 13_180,
      awaiting: ['CCC', 'HDC', 'SCDC'],
    });
    for (const user of [USERS.cityApprover, USERS.hdcApprover, USERS.scdcApprover]) {
      expect((await call(user, 'POST', `bids/${id}/decisions`, { decision: 'approve', round: 2 })).status).toBe(201);
    }
    const one = await call(USERS.staff, 'GET', `bids/${id}`);
    expect(one.status).toBe(200);
    expect(one.etag).toMatch(/^".+"$/);
    expect(one.body.status).toBe('approved');
    expect(one.body.rounds.map((r: any) => [r.number, r.total, r.outcome])).toEqual([
      [1, 15_000, 'rejected'],
      [2, 13_180, 'approved'],
    ]);
    expect(one.body.decisions.map((d: any) => [d.round, d.partnerCode, d.decision, d.decidedBy.name])).toEqual([
      [1, 'HDC', 'approve', 'Oliver Morley'],
      [1, 'SCDC', 'reject', 'Mike Hill'],
      [2, 'CCC', 'approve', 'Fiona Bryant'],
      [2, 'HDC', 'approve', 'Oliver Morley'],
      [2, 'SCDC', 'approve', 'Mike Hill'],
    ]);
    expect(one.body.decisions[0].decidedBy).toMatchObject({
      partnerCode: 'HDC',
      tenantId: expect.any(String),
      objectId: expect.any(String),
    });
    expect(one.body.decisions[4].asDecided).toMatchObject({ amount: 1_000, total: 13_180 });
  });

  it('records exactly one decision from 50 concurrent attempts by one council, with no server error', async () => {
    const { id } = await submitted({ SCDC: 3_760, CCC: 9_740, HDC: 6_500 }, 'Power BI');
    tokens.set(USERS.scdcApprover, await app.tokenFor(USERS.scdcApprover)); // one token for all fifty clicks
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(USERS.scdcApprover, 'POST', `bids/${id}/decisions`, { decision: 'approve', comment: `click ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect((await stored(id)).decisions).toHaveLength(1);
    expect((await auditOf(id)).filter((e) => e.action === 'bid.decide')).toHaveLength(1);

    const both = await Promise.all([
      call(USERS.cityApprover, 'POST', `bids/${id}/decisions`, { decision: 'approve' }),
      call(USERS.hdcApprover, 'POST', `bids/${id}/decisions`, { decision: 'approve' }),
    ]);
    expect(both.map((a) => a.status)).toEqual([201, 201]);
    expect((await stored(id)).status).toBe('approved');
  });

  it('lets a finance approver move a share to revenue; bid approvers and admins without the role cannot', async () => {
    const { id } = await submitted({ SCDC: 15_980, CCC: 41_395, HDC: 27_625 }, 'Generator');
    for (const user of [USERS.hdcApprover, USERS.admin, USERS.staff]) {
      expect((await call(user, 'POST', `bids/${id}/revenue`, { partnerCode: 'HDC' })).status, user).toBe(403);
    }
    expect((await call(USERS.financeAdmin, 'POST', `bids/${id}/revenue`, {})).status).toBe(400);
    const moved = await call(USERS.financeAdmin, 'POST', `bids/${id}/revenue`, {
      partnerCode: 'HDC',
      note: 'Under threshold',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'submitted', awaiting: ['CCC', 'SCDC'] });
    expect(moved.body.revenueMoves).toEqual([
      expect.objectContaining({ partnerCode: 'HDC', amount: 27_625, note: 'Under threshold' }),
    ]);
    const again = await call(USERS.financeAdmin, 'POST', `bids/${id}/revenue`, { partnerCode: 'HDC' });
    expect(again.body.revenueMoves).toHaveLength(1);
    const totals = (await call(USERS.staff, 'GET', 'bids?year=2021-22')).body.totals;
    expect(totals.movedToRevenueByPartner.HDC).toBe(27_625);
    expect(totals.capital.byPartner.HDC + totals.movedToRevenueByPartner.HDC).toBe(totals.byPartner.HDC);

    const whole = await call(USERS.financeAdmin, 'POST', `bids/${id}/revenue`, { wholeBid: true });
    expect(whole.body).toMatchObject({ status: 'moved-to-revenue', awaiting: [] });
  });

  it("keeps 2020/21 totals equal to the plan's table while the plan's bids are decided", async () => {
    expect((await call(USERS.scdcApprover, 'POST', `bids/${WIFI}/decisions`, { decision: 'approve' })).status).toBe(
      201,
    );
    const approved = await call(USERS.hdcApprover, 'POST', `bids/${WIFI}/decisions`, { decision: 'approve', round: 1 });
    expect(approved.body.status).toBe('approved');
    const totals = await totals2020();
    expect(totals.byPartner).toEqual(PLAN_TOTALS);
    expect(totals.total).toBe(804_468);
    expect(totals.approved).toEqual({ byPartner: { CCC: 0, HDC: 11_700, SCDC: 6_768 }, total: 18_468 });
  });
});
