import { type Caller, requireRole } from '../identity/caller';
import { type ConfigWrite, writeConfigRecord } from '../licences/config-record';
import type {
  ReviewDaysByLevel,
  RiskLevel,
  TolerationSettingsInput,
  TolerationSettingsRecord,
} from '../schemas/risk-tolerations';
import type { Stores } from '../stores/stores';

export const TOLERATION_SETTINGS_ID = 'toleration-settings';

/**
 * How long a toleration stands before review unless the request says otherwise: the higher the risk, the sooner.
 * A risk nobody has rated yet is reviewed as soon as a High one.
 */
export const DEFAULT_REVIEW_DAYS: ReviewDaysByLevel = { High: 90, Medium: 180, Low: 360, Unrated: 90 };

export type TolerationSettings = { reviewDays: ReviewDaysByLevel; etag: string | null };

/** The partnership's review periods, or the defaults while none are set; any member may read them. */
export async function getTolerationSettings(
  stores: Pick<Stores, 'riskSettings'>,
  partnershipId: string,
): Promise<TolerationSettings> {
  const found = await stores.riskSettings.get(partnershipId, TOLERATION_SETTINGS_ID);
  return found
    ? { reviewDays: found.record.reviewDays, etag: found.etag }
    : { reviewDays: DEFAULT_REVIEW_DAYS, etag: null };
}

export function reviewDaysFor(settings: Pick<TolerationSettings, 'reviewDays'>, level: RiskLevel): number {
  return settings.reviewDays[level];
}

/**
 * Sets the review periods by level (partnership administrators). Once they exist, only with the ETag read: 428
 * without, 412 when stale. Tolerations already decided keep the period they were given.
 */
export async function replaceTolerationSettings(
  stores: Pick<Stores, 'riskSettings' | 'audit'>,
  caller: Caller,
  input: TolerationSettingsInput,
  etag: string | undefined,
): Promise<ConfigWrite<TolerationSettingsRecord>> {
  requireRole(caller, 'partnership-admin');
  const record: TolerationSettingsRecord = {
    id: TOLERATION_SETTINGS_ID,
    partnershipId: caller.partnershipId,
    sequence: 0,
    reviewDays: input.reviewDays,
  };
  return writeConfigRecord(stores.riskSettings, stores.audit, caller, record, etag, {
    action: 'risk.toleration-settings.replace',
    kind: 'riskSettings',
    label: 'toleration settings',
  });
}
