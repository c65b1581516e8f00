import type { LicencePriceList, LicenceSettings } from '../schemas/licences';
import type { HrRecord } from './find-waste';

type Actor = { userId: string; name: string; partnerCode: string };

/** An administrator's confirmation or rejection of a match between two accounts, remembered across runs. */
export type MatchDecisionRecord = {
  /** Derived from the pair, so deciding again replaces the earlier answer. */
  id: string;
  partnershipId: string;
  sequence: number;
  accounts: [string, string];
  decision: 'confirmed' | 'rejected';
  note: string | null;
  decidedBy: Actor;
  decidedAt: string;
};

/** Someone who really needs a seat that would be reported, until `expiresAt`. */
export type ExclusionRecord = {
  id: string;
  partnershipId: string;
  sequence: number;
  /** A person id (account keys joined by +) or one account key (`tenantId/userId`). */
  key: string;
  reason: string;
  expiresAt: string;
  /** The councils whose accounts the key names: only their administrators may see or withdraw it. */
  partnerCodes: string[];
  addedBy: Actor;
  addedAt: string;
  withdrawnAt: string | null;
};

/** The partnership's price list, one record with a fixed id so edits carry an ETag. */
export type PriceListRecord = { id: 'prices'; partnershipId: string; sequence: 0; priceList: LicencePriceList };

/** The partnership's reconciler settings, one record with a fixed id. */
export type LicenceSettingsRecord = { id: 'settings'; partnershipId: string; sequence: 0; settings: LicenceSettings };

/** One row of a council's HR starters-and-leavers feed, replaced when the same person is imported again. */
export type HrFeedRow = HrRecord & {
  id: string;
  partnershipId: string;
  sequence: number;
  importedAt: string;
};
