import { beforeEach, describe, expect, it } from 'vitest';
import { listApprovers, replaceCouncilApprovers } from '../../../shared/bot/approvers-admin';
import { councilApproversInput } from '../../../shared/schemas/approvers';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const FIONA = '763b8df2-c6c6-54c2-8c51-5711c5ac2baa';
const input = councilApproversInput.parse({
  approvers: [{ objectId: FIONA.toUpperCase(), name: 'Fiona Bryant', roles: ['risk-approver'] }],
});

describe('the approvers of each council', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('are kept by partnership administrators, with If-Match once a list exists, and audited', async () => {
    const admin = callerOf('HDC', ['partnership-admin']);
    const created = await replaceCouncilApprovers(stores, admin, 'CCC', input, undefined);
    expect(created).toMatchObject({ created: true, record: { approvers: [{ objectId: FIONA }] } });
    await expect(replaceCouncilApprovers(stores, admin, 'CCC', input, undefined)).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    await expect(replaceCouncilApprovers(stores, admin, 'CCC', input, '"stale"')).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    await replaceCouncilApprovers(stores, admin, 'CCC', { approvers: [] }, created.etag);
    const listed = await listApprovers(stores, admin);
    expect(listed.map((c) => [c.partnerCode, c.approvers.length, c.etag === null])).toEqual([
      ['CCC', 0, false],
      ['HDC', 0, true],
      ['SCDC', 0, true],
    ]);
    expect((await stores.audit.listAll('p3')).map((row) => row.record.action)).toEqual([
      'bot.approvers.replace',
      'bot.approvers.replace',
    ]);
  });

  it('cannot be read or changed by anyone else, nor for a council that is not in the partnership', async () => {
    for (const caller of [callerOf('CCC', ['risk-approver', 'bid-approver']), callerOf('CCC', ['staff'])]) {
      await expect(listApprovers(stores, caller)).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(replaceCouncilApprovers(stores, caller, 'CCC', input, undefined)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await expect(
      replaceCouncilApprovers(stores, callerOf('HDC', ['partnership-admin']), 'PCC', input, undefined),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect(await stores.approvers.listAll('p3')).toEqual([]);
  });

  it('refuses a list naming someone twice or a role the product does not have', () => {
    const twice = { approvers: [...input.approvers, ...input.approvers] };
    expect(councilApproversInput.safeParse(twice).success).toBe(false);
    const unknownRole = { approvers: [{ objectId: FIONA, name: 'Fiona', roles: ['owner'] }] };
    expect(councilApproversInput.safeParse(unknownRole).success).toBe(false);
    const staffOnly = { approvers: [{ objectId: FIONA, name: 'Fiona', roles: ['staff'] }] };
    expect(councilApproversInput.safeParse(staffOnly).success).toBe(false);
  });
});
