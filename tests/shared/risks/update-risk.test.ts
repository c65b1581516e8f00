import { beforeEach, describe, expect, it } from 'vitest';
import { updateRisk } from '../../../shared/risks/update-risk';
import type { InfrastructureRisk } from '../../../shared/schemas/risks';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const risk: InfrastructureRisk = {
  id: 'risk-hdc-firewalls',
  partnerCodes: ['HDC'],
  joint: false,
  councilLabel: 'HDC',
  category: 'Firewalls',
  risk: 'Single firewall at Eastfield House',
  mitigation: 'Bring forward removal',
  recommendation: 'Tolerate the risks.',
  probability: null,
  impact: null,
};

describe('updateRisk', () => {
  let stores: Stores;
  let etag: string;
  beforeEach(async () => {
    stores = await storesWithPartnership();
    etag = (await stores.risks.create({ ...risk, partnershipId: 'p3', sequence: 0 })).etag;
  });

  it('applies the changes when the ETag is current, and returns a new ETag', async () => {
    const updated = await updateRisk(stores, callerOf('HDC'), risk.id, { probability: 'Possible' }, etag);
    expect(updated.record).toMatchObject({ probability: 'Possible', category: 'Firewalls' });
    expect(updated.etag).not.toBe(etag);
  });

  it('refuses a stale ETag and keeps the newer change', async () => {
    await updateRisk(stores, callerOf('HDC'), risk.id, { impact: 'High' }, etag);
    await expect(updateRisk(stores, callerOf('CCC'), risk.id, { impact: 'Low' }, etag)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.risks.get('p3', risk.id))?.record.impact).toBe('High');
  });

  it('needs an ETag', async () => {
    await expect(updateRisk(stores, callerOf('HDC'), risk.id, { impact: 'High' }, undefined)).rejects.toMatchObject({
      kind: 'precondition-required',
    });
  });

  it('is for partnership administrators only, and a refused caller changes nothing', async () => {
    const approver = callerOf('HDC', ['staff', 'risk-approver']);
    await expect(updateRisk(stores, approver, risk.id, { impact: 'High' }, etag)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect((await stores.risks.get('p3', risk.id))?.etag).toBe(etag);
  });

  it("cannot reach another partnership's risk", async () => {
    const outsider = callerOf('PCC', ['partnership-admin'], 'other');
    await expect(updateRisk(stores, outsider, risk.id, { impact: 'High' }, etag)).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});
