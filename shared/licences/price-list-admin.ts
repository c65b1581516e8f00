import { notFound } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import type { LicencePriceList } from '../schemas/licences';
import type { Versioned } from '../stores/record-store';
import type { Stores } from '../stores/stores';
import { type ConfigWrite, writeConfigRecord } from './config-record';
import { requireLicenceAdmin } from './licence-admin-scope';
import type { PriceListRecord } from './licence-records';

const PRICES_ID = 'prices';

/**
 * The partnership's licence price list, with its ETag for the next edit. Every cost a finding reports comes from
 * it, so the councils' licence administrators and the shared service's administrator may read it.
 */
export async function getPriceList(
  stores: Pick<Stores, 'licencePrices'>,
  caller: Caller,
): Promise<Versioned<PriceListRecord>> {
  requireLicenceAdmin(caller);
  const found = await stores.licencePrices.get(caller.partnershipId, PRICES_ID);
  if (!found) {
    throw notFound('This partnership has no licence price list yet; an administrator PUTs one to licences/prices.');
  }
  return found;
}

/**
 * Replaces the price list as a whole. Prices are agreed for the whole partnership and every council's costs rest
 * on them, so only the shared service's administrator may change them: a council's licence administrator could
 * otherwise shrink their own council's waste, or swell another's. The list is validated before this is called;
 * the write needs the ETag the caller read.
 */
export async function replacePriceList(
  stores: Pick<Stores, 'licencePrices' | 'audit'>,
  caller: Caller,
  priceList: LicencePriceList,
  etag: string | undefined,
): Promise<ConfigWrite<PriceListRecord>> {
  requireRole(caller, 'partnership-admin');
  const record: PriceListRecord = { id: PRICES_ID, partnershipId: caller.partnershipId, sequence: 0, priceList };
  return writeConfigRecord(stores.licencePrices, stores.audit, caller, record, etag, {
    action: 'licence.prices.replace',
    kind: 'licencePrices',
    label: 'price list',
  });
}
