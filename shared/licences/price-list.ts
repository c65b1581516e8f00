/** A licence product with its list price; `family` and `rank` say which products include which (E5 includes E3). */
export type SkuPrice = {
  skuId: string;
  skuPartNumber: string;
  name: string;
  /** List price per user per month, in pence. */
  monthlyPence: number;
  /** Free and trial SKUs are not seats. */
  paid: boolean;
  family?: string;
  rank?: number;
};

export type PriceList = { currency: 'GBP'; skus: SkuPrice[] };

/** Annual cost in pence of the paid SKUs among `skuIds`; unknown SKUs cost nothing (and are reported apart). */
export function annualCostPence(prices: PriceList, skuIds: readonly string[]): number {
  return paidSkus(prices, skuIds).reduce((sum, sku) => sum + sku.monthlyPence * 12, 0);
}

/** The paid SKUs among `skuIds`, in order; called for every seat of every run, so the list is indexed once. */
export function paidSkus(prices: PriceList, skuIds: readonly string[]): SkuPrice[] {
  const paid = paidIndex(prices);
  const found: SkuPrice[] = [];
  for (const id of skuIds) {
    const sku = paid.get(id.toLowerCase());
    if (sku) found.push(sku);
  }
  return found;
}

const indexes = new WeakMap<PriceList, Map<string, SkuPrice>>();

function paidIndex(prices: PriceList): Map<string, SkuPrice> {
  let index = indexes.get(prices);
  if (!index) {
    index = new Map(prices.skus.filter((sku) => sku.paid).map((sku) => [sku.skuId.toLowerCase(), sku]));
    indexes.set(prices, index);
  }
  return index;
}

/** The paid SKUs on one account that a higher product of the same family already includes. */
export function overlappedSkus(prices: PriceList, skuIds: readonly string[]): SkuPrice[] {
  const paid = paidSkus(prices, skuIds).filter((sku) => sku.family !== undefined);
  return paid.filter((sku) =>
    paid.some((other) => other !== sku && other.family === sku.family && (other.rank ?? 0) > (sku.rank ?? 0)),
  );
}
