import { formatDate, formatDateTime } from '../plan/format';
import type { RegisterEntry, RiskLevel, RiskResponse, RiskTolerationStatus, Toleration } from './risk-types';

export const RESPONSE_LABELS: Record<RiskResponse, string> = {
  tolerate: 'Tolerate',
  treat: 'Treat',
  transfer: 'Transfer',
  terminate: 'Terminate',
};
export const RESPONSE_ORDER: readonly RiskResponse[] = ['tolerate', 'treat', 'transfer', 'terminate'];

export const STATUS_LABELS: Record<RiskTolerationStatus, string> = {
  'not-requested': 'Not asked',
  'awaiting-decision': 'Awaiting decisions',
  tolerated: 'Tolerated',
  expired: 'Expired, back for review',
  withdrawn: 'Request withdrawn',
  treat: 'Not tolerated: treat',
  transfer: 'Not tolerated: transfer',
  terminate: 'Not tolerated: terminate',
};

/** Fluent badge colours by level, always beside the level's name: the colour is never the only cue. */
export const LEVEL_COLOURS: Record<RiskLevel, 'danger' | 'warning' | 'success' | 'informative'> = {
  High: 'danger',
  Medium: 'warning',
  Low: 'success',
  Unrated: 'informative',
};

export const scoreText = (score: number | null, level: RiskLevel) =>
  score === null ? 'Unrated' : `${score} (${level})`;

/** "CCC, HDC and SCDC". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Where a risk of the register stands, in a sentence: awaiting whom, tolerated until when. */
export function registerStanding(entry: RegisterEntry): string {
  const { toleration } = entry;
  switch (toleration.status) {
    case 'awaiting-decision':
      return `Awaiting decisions from ${listOf(toleration.pendingCouncils)}${
        toleration.riskChangedSinceRequest ? ' (the risk changed since the request)' : ''
      }`;
    case 'tolerated':
      return toleration.expiresAt ? `Tolerated until ${formatDate(toleration.expiresAt)}` : 'Tolerated';
    case 'expired':
      return `Expired${toleration.expiresAt ? ` ${formatDate(toleration.expiresAt)}` : ''}, back for review`;
    case 'not-requested':
      return 'Not asked yet';
    default:
      return `${STATUS_LABELS[toleration.status]}${toleration.decidedAt ? `, decided ${formatDate(toleration.decidedAt)}` : ''}`;
  }
}

/** The outcome of a request, in words: "Outcome: tolerated until 2 Mar 2027", "Awaiting decisions: ...". */
export function outcomeText(toleration: Toleration): string {
  switch (toleration.status) {
    case 'awaiting': {
      const decided = toleration.councils.length - toleration.pendingCouncils.length;
      return `Awaiting decisions: ${decided} of ${toleration.councils.length} councils decided, still to decide: ${listOf(
        toleration.pendingCouncils,
      )}`;
    }
    case 'decided':
      if (toleration.outcome === 'tolerate') {
        return `Outcome: tolerated${toleration.expiresAt ? ` until ${formatDate(toleration.expiresAt)}` : ''}`;
      }
      return `Outcome: ${toleration.outcome ?? 'decided'} (not tolerated)${
        toleration.decidedAt ? `, decided ${formatDateTime(toleration.decidedAt)}` : ''
      }`;
    case 'withdrawn':
      return `Withdrawn${toleration.withdrawnAt ? ` ${formatDateTime(toleration.withdrawnAt)}` : ''}${
        toleration.withdrawnBy ? ` by ${toleration.withdrawnBy.name}` : ''
      }: no decision is needed`;
    case 'expired':
      return `Expired${toleration.expiredAt ? ` ${formatDate(toleration.expiredAt)}` : ''}: the councils are asked again`;
  }
}

export const requestedText = (toleration: Toleration) =>
  `${toleration.requestedBy ? `Requested by ${toleration.requestedBy.name}` : 'Asked again by the daily review'}, ${formatDateTime(
    toleration.requestedAt,
  )}`;

/** How a risk is named on the page: "Monitoring – CCC/HDC/SCDC (joint risk)". */
export const riskTitle = (risk: { category: string; councilLabel: string }) =>
  `${risk.category} – ${risk.councilLabel}`;
