import { beforeEach, describe, expect, it } from 'vitest';
import { decideMatch, decisionId, listMatchDecisions } from '../../../shared/licences/match-decisions';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const CCC = '3c1c0001-0000-4000-8000-000000000001';
const HDC = '3c1c0002-0000-4000-8000-000000000002';
const SCDC = '3c1c0003-0000-4000-8000-000000000003';
const OUTSIDE = 'cb0c0002-0000-4000-8000-000000000002';
const user = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

const cityAccount = `${CCC}/${user(1)}`;
const hdcAccount = `${HDC}/${user(2)}`;
const scdcAccount = `${SCDC}/${user(3)}`;

const cityLicenceAdmin = callerOf('CCC', ['staff', 'licence-admin']);
const sharedServiceAdmin = callerOf('HDC', ['staff', 'partnership-admin']);

describe('match decisions', () => {
  let stores: Stores;
  const audit = async () => (await stores.audit.listAll('p3')).map((e) => e.record);

  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('derives one Cosmos-safe id from the pair, whichever way round and in whatever case', () => {
    const id = decisionId([cityAccount, hdcAccount]);
    expect(id).toBe(decisionId([hdcAccount.toUpperCase(), cityAccount]));
    expect(id).toMatch(/^pair-[0-9a-f]{40}$/);
    expect(id).not.toBe(decisionId([cityAccount, scdcAccount]));
  });

  it('records a decision, and deciding the pair again replaces it; each write is audited', async () => {
    const first = await decideMatch(stores, cityLicenceAdmin, {
      accounts: [hdcAccount, cityAccount],
      decision: 'confirmed',
      note: 'same person, two councils',
    });
    expect(first.record).toMatchObject({
      accounts: [cityAccount, hdcAccount],
      decision: 'confirmed',
      note: 'same person, two councils',
      decidedBy: { partnerCode: 'CCC' },
    });
    const second = await decideMatch(stores, sharedServiceAdmin, {
      accounts: [cityAccount, hdcAccount],
      decision: 'rejected',
    });
    expect(second.record.id).toBe(first.record.id);
    const stored = await stores.licenceDecisions.listAll('p3');
    expect(stored.map((d) => [d.record.decision, d.record.note])).toEqual([['rejected', null]]);
    expect((await audit()).map((e) => [e.action, e.target.id, e.etagBefore, e.etagAfter])).toEqual([
      ['licence.match.confirm', first.record.id, null, first.etag],
      ['licence.match.reject', first.record.id, first.etag, second.etag],
    ]);
  });

  it('keeps both answers of a double click: both written and audited, the last one stands', async () => {
    const answers = await Promise.all([
      decideMatch(stores, cityLicenceAdmin, { accounts: [cityAccount, hdcAccount], decision: 'confirmed' }),
      decideMatch(stores, cityLicenceAdmin, { accounts: [cityAccount, hdcAccount], decision: 'rejected' }),
    ]);
    const entries = await audit();
    expect(entries).toHaveLength(2);
    const created = entries.find((e) => e.etagBefore === null);
    const replaced = entries.find((e) => e.etagBefore !== null);
    expect(replaced?.etagBefore).toBe(created?.etagAfter);
    const stored = await stores.licenceDecisions.get('p3', decisionId([cityAccount, hdcAccount]));
    expect(stored?.etag).toBe(replaced?.etagAfter);
    expect(answers.map((a) => a.etag).sort()).toEqual([created?.etagAfter, replaced?.etagAfter].sort());
    const last = answers.find((a) => a.etag === stored?.etag);
    expect(stored?.record.decision).toBe(last?.record.decision);
  });

  it('lets a licence administrator decide only about pairs touching their council', async () => {
    await expect(
      decideMatch(stores, cityLicenceAdmin, { accounts: [hdcAccount, scdcAccount], decision: 'confirmed' }),
    ).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining('HDC and SCDC') });
    await decideMatch(stores, sharedServiceAdmin, { accounts: [hdcAccount, scdcAccount], decision: 'confirmed' });
    expect(await stores.licenceDecisions.listAll('p3')).toHaveLength(1);
  });

  it('refuses accounts outside the partnership, one account twice or two of one tenant, writing nothing', async () => {
    const outside = await decideMatch(stores, sharedServiceAdmin, {
      accounts: [cityAccount, `${OUTSIDE}/${user(9)}`],
      decision: 'confirmed',
    }).catch((e) => e);
    expect(outside).toMatchObject({ kind: 'invalid-input' });
    expect(outside.problems).toEqual([
      { path: 'body.accounts.1', message: expect.stringContaining('not a council of Three Councils') },
    ]);
    await expect(
      decideMatch(stores, sharedServiceAdmin, { accounts: [cityAccount, cityAccount], decision: 'confirmed' }),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(
      decideMatch(stores, sharedServiceAdmin, { accounts: [cityAccount, `${CCC}/${user(7)}`], decision: 'rejected' }),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(
      decideMatch(stores, callerOf('HDC', ['staff']), { accounts: [cityAccount, hdcAccount], decision: 'confirmed' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await stores.licenceDecisions.listAll('p3')).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("lists what the caller may see: a council's pairs for its administrator, all for the shared service", async () => {
    await decideMatch(stores, sharedServiceAdmin, { accounts: [cityAccount, hdcAccount], decision: 'confirmed' });
    await decideMatch(stores, sharedServiceAdmin, { accounts: [hdcAccount, scdcAccount], decision: 'rejected' });
    const cityView = await listMatchDecisions(stores, cityLicenceAdmin);
    expect(cityView.map((d) => d.accounts)).toEqual([[cityAccount, hdcAccount]]);
    expect(await listMatchDecisions(stores, sharedServiceAdmin)).toHaveLength(2);
    expect(await listMatchDecisions(stores, callerOf('SCDC', ['licence-admin']))).toHaveLength(1);
    expect(await listMatchDecisions(stores, callerOf('PCC', ['partnership-admin'], 'other')).catch((e) => e.kind)).toBe(
      'unauthenticated',
    );
    await expect(listMatchDecisions(stores, callerOf('CCC', ['staff']))).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
