import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annualCostPence, overlappedSkus } from '../../../shared/licences/price-list';
import { licencePriceList } from '../../../shared/schemas/licences';

const demo = licencePriceList.parse(
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'local', 'demo-data', 'licences', 'prices.json'), 'utf8')),
);
const id = (partNumber: string) => demo.skus.find((sku) => sku.skuPartNumber === partNumber)?.skuId as string;

describe('licence price list', () => {
  it('costs a year of the paid SKUs, and nothing for free ones', () => {
    expect(annualCostPence(demo, [id('SPE_E3'), id('FLOW_FREE')])).toBe(3080 * 12);
  });

  it('sees E3 inside E5, and Office 365 E1 inside Microsoft 365 E3, but not across families', () => {
    expect(overlappedSkus(demo, [id('SPE_E5'), id('SPE_E3')]).map((s) => s.skuPartNumber)).toEqual(['SPE_E3']);
    expect(overlappedSkus(demo, [id('STANDARDPACK'), id('SPE_E3')]).map((s) => s.skuPartNumber)).toEqual([
      'STANDARDPACK',
    ]);
    expect(overlappedSkus(demo, [id('O365_BUSINESS_ESSENTIALS'), id('SPE_E3'), id('POWER_BI_PRO')])).toEqual([]);
  });

  it('refuses a list with a SKU twice or a family without a rank', () => {
    const sku = demo.skus[0] as (typeof demo.skus)[number];
    expect(licencePriceList.safeParse({ ...demo, skus: [sku, sku] }).success).toBe(false);
    expect(licencePriceList.safeParse({ ...demo, skus: [{ ...sku, rank: undefined }] }).success).toBe(false);
  });
});
