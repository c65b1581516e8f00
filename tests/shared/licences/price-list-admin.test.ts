import { beforeEach, describe, expect, it } from 'vitest';
import { getPriceList, replacePriceList } from '../../../shared/licences/price-list-admin';
import type { LicencePriceList } from '../../../shared/schemas/licences';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const prices: LicencePriceList = {
  currency: 'GBP',
  source: 'Agreement 2026',
  skus: [
    {
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      skuPartNumber: 'SPE_E3',
      name: 'Microsoft 365 E3',
      monthlyPence: 3080,
      paid: true,
    },
  ],
};
const cheaper: LicencePriceList = {
  ...prices,
  source: 'Agreement 2027',
  skus: prices.skus.map((sku) => ({ ...sku, monthlyPence: 2900 })),
};

const cityLicenceAdmin = callerOf('CCC', ['staff', 'licence-admin']);
const sharedServiceAdmin = callerOf('HDC', ['staff', 'partnership-admin']);

describe('price list administration', () => {
  let stores: Stores;
  const auditActions = async () => (await stores.audit.listAll('p3')).map((e) => e.record.action);

  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('says clearly that there is no price list yet', async () => {
    await expect(getPriceList(stores, cityLicenceAdmin)).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('no licence price list'),
    });
  });

  it('creates the first list without an ETag, then reads it back with its ETag, audited', async () => {
    const created = await replacePriceList(stores, sharedServiceAdmin, prices, undefined);
    expect(created.created).toBe(true);
    const read = await getPriceList(stores, cityLicenceAdmin);
    expect(read.record.priceList).toEqual(prices);
    expect(read.etag).toBe(created.etag);
    const audit = await stores.audit.listAll('p3');
    expect(audit.map((e) => [e.record.action, e.record.target, e.record.etagBefore, e.record.etagAfter])).toEqual([
      ['licence.prices.replace', { kind: 'licencePrices', id: 'prices' }, null, created.etag],
    ]);
  });

  it('replaces with the current ETag, needs one (428) and refuses a stale one (412), keeping the newer list', async () => {
    const first = await replacePriceList(stores, sharedServiceAdmin, prices, undefined);
    await expect(replacePriceList(stores, sharedServiceAdmin, cheaper, undefined)).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    const second = await replacePriceList(stores, sharedServiceAdmin, cheaper, first.etag);
    expect(second.created).toBe(false);
    await expect(replacePriceList(stores, sharedServiceAdmin, prices, first.etag)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await getPriceList(stores, cityLicenceAdmin)).record.priceList.source).toBe('Agreement 2027');
    expect(await auditActions()).toEqual(['licence.prices.replace', 'licence.prices.replace']);
  });

  it('refuses an ETag when there is no list to match it, and two first creations keep the first', async () => {
    await expect(replacePriceList(stores, sharedServiceAdmin, prices, '"made-up"')).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    const results = await Promise.allSettled([
      replacePriceList(stores, sharedServiceAdmin, prices, undefined),
      replacePriceList(stores, sharedServiceAdmin, cheaper, undefined),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await auditActions()).toHaveLength(1);
  });

  it("lets a council's licence administrator read the list but not change it, since every council's costs rest on it", async () => {
    await expect(replacePriceList(stores, cityLicenceAdmin, prices, undefined)).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('partnership-admin'),
    });
    expect(await stores.licencePrices.get('p3', 'prices')).toBeNull();
    const created = await replacePriceList(stores, sharedServiceAdmin, prices, undefined);
    await expect(replacePriceList(stores, cityLicenceAdmin, cheaper, created.etag)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect((await getPriceList(stores, cityLicenceAdmin)).record.priceList).toEqual(prices);
    expect(await auditActions()).toEqual(['licence.prices.replace']);
  });

  it('is for licence and partnership administrators only; staff change and read nothing', async () => {
    const staff = callerOf('HDC', ['staff', 'risk-approver']);
    await expect(replacePriceList(stores, staff, prices, undefined)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(getPriceList(stores, staff)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await stores.licencePrices.get('p3', 'prices')).toBeNull();
    expect(await auditActions()).toEqual([]);
  });

  it("keeps partnerships apart: another partnership's administrator neither sees nor replaces this list", async () => {
    const first = await replacePriceList(stores, sharedServiceAdmin, prices, undefined);
    const outsider = callerOf('PCC', ['licence-admin', 'partnership-admin'], 'other');
    await expect(getPriceList(stores, outsider)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(replacePriceList(stores, outsider, cheaper, first.etag)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.licencePrices.get('p3', 'prices'))?.etag).toBe(first.etag);
  });
});
