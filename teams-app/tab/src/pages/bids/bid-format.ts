import type { Me } from '../../me';
import type { BidState, ShareState } from './bid-types';

export const BID_STATE_LABELS: Record<BidState, string> = {
  draft: 'Draft',
  submitted: 'Awaiting decisions',
  approved: 'Approved',
  rejected: 'Rejected',
  'moved-to-revenue': 'Moved to revenue',
};

export const SHARE_STATE_LABELS: Record<ShareState, string> = {
  'not-asked': 'Not asked (no share)',
  draft: 'Draft',
  awaiting: 'Awaiting',
  approved: 'Approved',
  rejected: 'Rejected',
  'moved-to-revenue': 'Moved to revenue',
  'not-decided': 'Not decided',
};

export const BID_STATE_COLOURS: Record<BidState, 'informative' | 'brand' | 'success' | 'danger' | 'warning'> = {
  draft: 'informative',
  submitted: 'brand',
  approved: 'success',
  rejected: 'danger',
  'moved-to-revenue': 'warning',
};

/** The financial years from 2018-19 to next year's, newest first: the years the plans cover. */
export function yearOptions(now = new Date()): string[] {
  const current = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  const years: string[] = [];
  for (let start = current + 1; start >= 2018; start--) {
    years.push(`${start}-${String((start + 1) % 100).padStart(2, '0')}`);
  }
  return years;
}

export const councilName = (me: Me, code: string) => me.partnership.partners.find((p) => p.code === code)?.name ?? code;
