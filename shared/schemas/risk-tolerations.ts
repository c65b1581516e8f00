import { z } from 'zod';
import { partnerCode, recordId, storedFields } from './common';
import { riskImpact, riskProbability } from './risks';

/** The four responses to a risk the Orange Book names. */
export const RISK_RESPONSES = ['tolerate', 'treat', 'transfer', 'terminate'] as const;
export const riskResponse = z.enum(RISK_RESPONSES);
export type RiskResponse = z.infer<typeof riskResponse>;

/** A risk's level from its score; a risk the register leaves unrated has no score. */
export const RISK_LEVELS = ['High', 'Medium', 'Low', 'Unrated'] as const;
export const riskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevel>;

const instant = z.iso.datetime();

/** A risk as it stood at a moment (when a toleration was requested, when a council decided). */
export const riskSnapshot = z.object({
  councilLabel: z.string(),
  partnerCodes: z.array(partnerCode),
  category: z.string(),
  risk: z.string(),
  mitigation: z.string(),
  recommendation: z.string(),
  probability: riskProbability.nullable(),
  impact: riskImpact.nullable(),
  /** Probability (1-4) times impact (1-4); null while either is unrated. */
  score: z.number().int().min(1).max(16).nullable(),
  level: riskLevel,
  /** A hash of the text and rating: two snapshots with the same version show the same risk. */
  version: z.string(),
});
export type RiskSnapshot = z.infer<typeof riskSnapshot>;

/** Who acted: their council, name, and the tenant and directory object id they signed in with. */
export const tolerationActor = z.object({
  partnerCode,
  name: z.string().max(200),
  tenantId: z.string(),
  objectId: z.string(),
});
export type TolerationActor = z.infer<typeof tolerationActor>;

/** One council's answer, with the risk exactly as it stood when the approver decided. */
export const tolerationDecision = z.object({
  partnerCode,
  response: riskResponse,
  comment: z.string().max(2000),
  decidedAt: instant,
  decidedBy: tolerationActor,
  /** Where the approver decided: an Adaptive Card in Teams, or the tab and API. */
  channel: z.enum(['teams-card', 'api']),
  riskSnapshot,
});
export type TolerationDecision = z.infer<typeof tolerationDecision>;

/** awaiting: councils are deciding; decided: an outcome stands; withdrawn by an administrator; expired after review. */
export const TOLERATION_STATUSES = ['awaiting', 'decided', 'withdrawn', 'expired'] as const;
export const tolerationStatus = z.enum(TOLERATION_STATUSES);
export type TolerationStatus = z.infer<typeof tolerationStatus>;

/**
 * One request to the councils to tolerate a risk, and their decisions: a round of the risk's review. A risk has at
 * most one round awaiting decisions; an expired toleration is followed by the next round. The id is derived from the
 * risk and the round number, so the same round is never created twice. The `sequence` is the request time in ms.
 */
export const riskToleration = z.object({
  id: recordId,
  riskId: recordId,
  round: z.number().int().min(1),
  /** The councils whose approvers must decide: every council of a joint risk. */
  partnerCodes: z.array(partnerCode).min(1),
  recommendedResponse: riskResponse,
  note: z.string().max(2000),
  /** The responses offered on the card: tolerate and treat always, transfer and terminate where offered. */
  responses: z.array(riskResponse).min(2),
  /** How long a toleration stands before it is reviewed; `level` when it follows the risk level's default. */
  reviewDays: z.number().int().min(1),
  reviewDaysSource: z.enum(['request', 'level']),
  reason: z.enum(['request', 'review']),
  previousTolerationId: recordId.nullable(),
  requestedAt: instant,
  /** Null when the daily review re-requested it after the previous toleration expired. */
  requestedBy: tolerationActor.nullable(),
  requestedSnapshot: riskSnapshot,
  /** At most one current decision per council. */
  decisions: z.array(tolerationDecision),
  /** Decisions made on an earlier version of the risk, replaced when the council decided again. */
  supersededDecisions: z.array(tolerationDecision),
  status: tolerationStatus,
  outcome: riskResponse.nullable(),
  decidedAt: instant.nullable(),
  expiresAt: instant.nullable(),
  /** The days-before-expiry reminders already sent (or passed over when the review came late). */
  remindersSent: z.array(z.number().int()),
  withdrawnAt: instant.nullable(),
  withdrawnBy: tolerationActor.nullable(),
  expiredAt: instant.nullable(),
  ...storedFields,
});
export type RiskToleration = z.infer<typeof riskToleration>;

const reviewDays = z.number().int().min(1).max(1825);

/** POST /tolerations: asks every council of a risk to tolerate it. */
export const tolerationRequestInput = z
  .object({
    riskId: recordId,
    recommendedResponse: riskResponse.default('tolerate'),
    note: z.string().trim().max(2000).default(''),
    /** Days before the toleration comes back for review; the risk level's default when left out. */
    reviewDays: reviewDays.optional(),
    /** Offer transfer and terminate beside tolerate and treat. */
    responses: z
      .array(riskResponse)
      .default(['tolerate', 'treat'])
      .refine((list) => new Set(list).size === list.length, { message: 'a response is named twice' })
      .refine((list) => list.includes('tolerate') && list.includes('treat'), {
        message: 'tolerate and treat are always offered',
      }),
  })
  .strict()
  .refine((input) => input.responses.includes(input.recommendedResponse), {
    path: ['recommendedResponse'],
    message: 'recommend one of the responses offered',
  });
export type TolerationRequestInput = z.infer<typeof tolerationRequestInput>;

/** POST /tolerations/{id}/decisions: the caller's council's answer. */
export const tolerationDecisionInput = z
  .object({
    response: riskResponse,
    comment: z.string().trim().max(2000).default(''),
    /** The risk version the approver was shown (a card sends it); a different current version records nothing. */
    riskVersion: z.string().min(1).max(100).optional(),
  })
  .strict();
export type TolerationDecisionInput = z.infer<typeof tolerationDecisionInput>;

/** GET /tolerations. */
export const tolerationListQuery = z
  .object({
    state: z.enum(['all', ...TOLERATION_STATUSES]).default('all'),
    /** Rounds involving this council. */
    council: partnerCode.optional(),
    /** Rounds still waiting for this council's decision. */
    awaitingCouncil: partnerCode.optional(),
    riskId: recordId.optional(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    continuationToken: z
      .string()
      .regex(/^\d{1,9}$/, 'pass back the continuationToken of the previous page')
      .optional(),
  })
  .strict();
export type TolerationListQuery = z.infer<typeof tolerationListQuery>;

/** GET /risk-register. */
export const riskRegisterQuery = z.object({ council: partnerCode.optional() }).strict();
export type RiskRegisterQuery = z.infer<typeof riskRegisterQuery>;

/** How many days a toleration stands by risk level before it is reviewed. */
export const reviewDaysByLevel = z
  .object({ High: reviewDays, Medium: reviewDays, Low: reviewDays, Unrated: reviewDays })
  .strict();
export type ReviewDaysByLevel = z.infer<typeof reviewDaysByLevel>;

/** PUT /toleration-settings. */
export const tolerationSettingsInput = z.object({ reviewDays: reviewDaysByLevel }).strict();
export type TolerationSettingsInput = z.infer<typeof tolerationSettingsInput>;

/** The partnership's toleration settings: one record with a fixed id, so edits carry an ETag. */
export type TolerationSettingsRecord = {
  id: 'toleration-settings';
  partnershipId: string;
  sequence: 0;
  reviewDays: ReviewDaysByLevel;
};

/**
 * Something the bot must tell approvers, kept until it is delivered (an outbox): a request to decide (a new card
 * to each approver of `partnerCodes`), a reminder before a toleration expires, or a change every posted copy of
 * the toleration's card must show. Ids are derived from what happened, so a retry never queues one twice.
 */
export const tolerationNotice = z.object({
  id: recordId,
  kind: z.enum(['decision-requested', 'expiry-reminder', 'toleration-updated']),
  reason: z.enum(['request', 'review', 'decision', 'risk-changed', 'withdrawn', 'expired', 'reminder']),
  tolerationId: recordId,
  riskId: recordId,
  partnerCodes: z.array(partnerCode),
  /** For a reminder: 30, 7 or 1. */
  daysBeforeExpiry: z.number().int().nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
  /**
   * Until when no sender takes the notice: while one holds it (its lease), or after a failed delivery (its back-off).
   * Another sender takes it over after that.
   */
  claimedUntil: instant.nullable().optional(),
  /** Deliveries begun; the outbox gives up after `MAX_DELIVERY_ATTEMPTS`. */
  attempts: z.number().int().nonnegative().optional(),
  ...storedFields,
});
export type TolerationNotice = z.infer<typeof tolerationNotice>;
