import { beforeEach, describe, expect, it } from 'vitest';
import { addExclusion, listExclusions, withdrawExclusion } from '../../../shared/licences/exclusions';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const CCC = '3c1c0001-0000-4000-8000-000000000001';
const HDC = '3c1c0002-0000-4000-8000-000000000002';
const SCDC = '3c1c0003-0000-4000-8000-000000000003';
const user = (n: number) => `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cityAccount = `${CCC}/${user(1)}`;
const hdcAccount = `${HDC}/${user(2)}`;
const scdcAccount = `${SCDC}/${user(3)}`;

const NOW = new Date('2026-06-15T10:00:00Z');
const now = () => NOW;
const cityLicenceAdmin = callerOf('CCC', ['staff', 'licence-admin']);
const scdcLicenceAdmin = callerOf('SCDC', ['staff', 'licence-admin']);
const sharedServiceAdmin = callerOf('HDC', ['staff', 'partnership-admin']);

describe('exclusions', () => {
  let stores: Stores;
  const audit = async () => (await stores.audit.listAll('p3')).map((e) => e.record);
  const stored = async () => (await stores.licenceExclusions.listAll('p3')).map((e) => e.record);

  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('adds an exclusion for a person (keys in canonical order) with the councils it names, audited', async () => {
    const added = await addExclusion(
      stores,
      cityLicenceAdmin,
      { key: `${hdcAccount}+${cityAccount.toUpperCase()}`, reason: 'Works for both councils', expiresAt: '2027-03-31' },
      now,
    );
    expect(added.created).toBe(true);
    expect(added.record).toMatchObject({
      key: `${cityAccount}+${hdcAccount}`,
      partnerCodes: ['CCC', 'HDC'],
      expiresAt: '2027-03-31',
      addedBy: { partnerCode: 'CCC' },
      addedAt: NOW.toISOString(),
      withdrawnAt: null,
    });
    expect(added.record.id).toMatch(/^exclusion-[0-9a-f]{40}$/);
    expect((await audit()).map((e) => [e.action, e.target, e.etagBefore, e.etagAfter])).toEqual([
      ['licence.exclusion.add', { kind: 'licenceExclusions', id: added.record.id }, null, added.etag],
    ]);
  });

  it('adds one exclusion, not two, when the same one is sent twice at once', async () => {
    const input = { key: cityAccount, reason: 'Statutory officer', expiresAt: '2027-01-01' };
    const results = await Promise.all([
      addExclusion(stores, cityLicenceAdmin, input, now),
      addExclusion(stores, cityLicenceAdmin, input, now),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await stored()).toHaveLength(1);
    expect(await audit()).toHaveLength(1);
  });

  it('lets a licence administrator add one only when an account is in their council', async () => {
    await expect(
      addExclusion(
        stores,
        cityLicenceAdmin,
        { key: `${hdcAccount}+${scdcAccount}`, reason: 'x', expiresAt: '2027-01-01' },
        now,
      ),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      addExclusion(stores, cityLicenceAdmin, { key: hdcAccount, reason: 'x', expiresAt: '2027-01-01' }, now),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await addExclusion(stores, sharedServiceAdmin, { key: hdcAccount, reason: 'x', expiresAt: '2027-01-01' }, now);
    expect((await stored()).map((e) => e.key)).toEqual([hdcAccount]);
  });

  it.each([
    ['a malformed key', { key: 'not-a-key', expiresAt: '2027-01-01' }, 'body.key'],
    [
      'an account outside the partnership',
      { key: `cb0c0002-0000-4000-8000-000000000002/${user(5)}`, expiresAt: '2027-01-01' },
      'body.key',
    ],
    ['an account named twice', { key: `${cityAccount}+${cityAccount}`, expiresAt: '2027-01-01' }, 'body.key'],
    ['an expiry today', { key: cityAccount, expiresAt: '2026-06-15' }, 'body.expiresAt'],
    ['an expiry in the past', { key: cityAccount, expiresAt: '2025-12-31' }, 'body.expiresAt'],
    ['an expiry over two years ahead', { key: cityAccount, expiresAt: '2028-06-16' }, 'body.expiresAt'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_, input, path) => {
    const error = await addExclusion(stores, sharedServiceAdmin, { reason: 'r', ...input }, now).catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid-input' });
    expect(error.problems.map((p: { path: string }) => p.path.replace(/\.\d+$/, ''))).toEqual([path]);
    expect(await stored()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('accepts an expiry exactly two years ahead', async () => {
    const added = await addExclusion(
      stores,
      sharedServiceAdmin,
      { key: cityAccount, reason: 'r', expiresAt: '2028-06-15' },
      now,
    );
    expect(added.created).toBe(true);
  });

  it('lists active, expired and withdrawn ones, scoped to the caller’s council unless partnership admin', async () => {
    const city = await addExclusion(
      stores,
      sharedServiceAdmin,
      { key: cityAccount, reason: 'c', expiresAt: '2026-07-01' },
      now,
    );
    await addExclusion(
      stores,
      sharedServiceAdmin,
      { key: `${cityAccount}+${scdcAccount}`, reason: 'cs', expiresAt: '2027-01-01' },
      now,
    );
    await addExclusion(stores, sharedServiceAdmin, { key: hdcAccount, reason: 'h', expiresAt: '2027-01-01' }, now);
    await withdrawExclusion(stores, cityLicenceAdmin, city.record.id, now);

    const later = () => new Date('2026-08-01T00:00:00Z');
    const cityView = await listExclusions(stores, cityLicenceAdmin, later);
    expect(cityView.map((e) => [e.reason, e.status, e.active]).sort()).toEqual([
      ['c', 'withdrawn', false],
      ['cs', 'active', true],
    ]);
    expect((await listExclusions(stores, scdcLicenceAdmin, later)).map((e) => e.reason)).toEqual(['cs']);
    expect((await listExclusions(stores, sharedServiceAdmin, later)).map((e) => e.reason).sort()).toEqual([
      'c',
      'cs',
      'h',
    ]);
    await expect(listExclusions(stores, callerOf('CCC', ['staff']))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('withdraws once (audited), leaves a second withdrawal alone, 404s an unknown id and refuses other councils', async () => {
    const added = await addExclusion(
      stores,
      sharedServiceAdmin,
      { key: hdcAccount, reason: 'h', expiresAt: '2027-01-01' },
      now,
    );
    await expect(withdrawExclusion(stores, cityLicenceAdmin, added.record.id, now)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(withdrawExclusion(stores, sharedServiceAdmin, 'exclusion-unknown', now)).rejects.toMatchObject({
      kind: 'not-found',
    });
    const withdrawn = await withdrawExclusion(stores, sharedServiceAdmin, added.record.id, now);
    expect(withdrawn.record.withdrawnAt).toBe(NOW.toISOString());
    const again = await withdrawExclusion(stores, sharedServiceAdmin, added.record.id, () => new Date('2026-07-01'));
    expect(again.record.withdrawnAt).toBe(NOW.toISOString());
    expect((await audit()).map((e) => [e.action, e.etagBefore, e.etagAfter])).toEqual([
      ['licence.exclusion.add', null, added.etag],
      ['licence.exclusion.withdraw', added.etag, withdrawn.etag],
    ]);
  });

  it('brings a withdrawn exclusion back when it is added again', async () => {
    const input = { key: cityAccount, reason: 'r', expiresAt: '2027-01-01' };
    const added = await addExclusion(stores, cityLicenceAdmin, input, now);
    await withdrawExclusion(stores, cityLicenceAdmin, added.record.id, now);
    const again = await addExclusion(stores, cityLicenceAdmin, input, now);
    expect(again).toMatchObject({ created: true, record: { id: added.record.id, withdrawnAt: null } });
    expect((await audit()).map((e) => e.action)).toEqual([
      'licence.exclusion.add',
      'licence.exclusion.withdraw',
      'licence.exclusion.add',
    ]);
  });
});
