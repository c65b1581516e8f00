import { z } from 'zod';
import { nonEmptyText } from './common';

/** A licence product and its list price per user per month, in pence; `family`/`rank` say which includes which. */
export const skuPrice = z.object({
  skuId: z.uuid(),
  skuPartNumber: z.string().regex(/^[A-Z0-9_]+$/, 'a SKU part number such as SPE_E3'),
  name: nonEmptyText,
  monthlyPence: z.number().int().nonnegative(),
  paid: z.boolean(),
  family: z.string().optional(),
  rank: z.number().int().positive().optional(),
});

/** A partnership's licence price list, which administrators edit: costs of findings come from it. */
export const licencePriceList = z
  .object({
    currency: z.literal('GBP'),
    /** Where the prices come from and when, so a report can say what its costs rest on. */
    source: nonEmptyText,
    skus: z.array(skuPrice).min(1),
  })
  .superRefine((list, ctx) => {
    const ids = list.skus.map((sku) => sku.skuId.toLowerCase());
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['skus', index, 'skuId'], message: 'listed twice' });
    });
    list.skus.forEach((sku, index) => {
      if ((sku.family === undefined) !== (sku.rank === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['skus', index], message: 'family and rank go together' });
      }
    });
  });
export type LicencePriceList = z.infer<typeof licencePriceList>;

/** A connection to one council's tenant: the app registration the reconciler signs in as, and where. */
export const tenantConnection = z
  .object({
    partnerCode: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/),
    tenantId: z.uuid(),
    clientId: z.uuid(),
    /**
     * Names the app setting that holds the credential, never the credential itself: in Azure the setting is a
     * Key Vault reference, locally an environment variable. A certificate is a PEM private key plus thumbprint.
     */
    credential: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('secret'), setting: z.string().regex(/^[A-Z][A-Z0-9_]*$/) }),
      z.object({
        kind: z.literal('certificate'),
        setting: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
        thumbprint: z.string().regex(/^[0-9A-Fa-f]{40}$/),
      }),
    ]),
    /** `https://login.microsoftonline.com` in the public cloud; national clouds differ. */
    authorityHost: z.url({ protocol: /^https$/ }),
    /** `https://graph.microsoft.com` in the public cloud; national clouds differ. */
    graphBaseUrl: z.url({ protocol: /^https$/ }),
    /** The mailbox (user id or UPN) the council's report is sent from, and who receives it. */
    reportSender: z.string().min(1).optional(),
    reportRecipients: z.array(z.email()).default([]),
  })
  .strict();
export type TenantConnection = z.infer<typeof tenantConnection>;

/** How a partnership's reconciler runs: its tenants and thresholds. */
export const licenceSettings = z
  .object({
    tenants: z.array(tenantConnection).min(1),
    /** A licensed account with no sign-in for this many days is reported. */
    inactiveDays: z.number().int().min(7).max(730).default(90),
    /** The sign-in activity pass is throttled hard by Graph, so it runs at most this often. */
    signInPassEveryDays: z.number().int().min(1).max(90).default(7),
    /** A full scan replaces delta scans at least this often, to heal anything a delta missed. */
    fullScanEveryDays: z.number().int().min(1).max(90).default(28),
  })
  .strict();
export type LicenceSettings = z.infer<typeof licenceSettings>;

/** An administrator's answer to a candidate match of two accounts (keys are `tenantId/userId`). */
export const matchDecisionInput = z
  .object({
    accounts: z.tuple([
      z.string().regex(/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/i),
      z.string().regex(/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/i),
    ]),
    decision: z.enum(['confirmed', 'rejected']),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type MatchDecisionInput = z.infer<typeof matchDecisionInput>;

/** Someone who really needs a seat the reconciler would report: a person id or account key, why, and until when. */
export const exclusionInput = z
  .object({
    key: z.string().min(3).max(400),
    reason: nonEmptyText.max(500),
    expiresAt: z.iso.date(),
  })
  .strict();
export type ExclusionInput = z.infer<typeof exclusionInput>;

/** A starter about to be licensed by a council. */
export const starterCheckInput = z
  .object({
    name: nonEmptyText.max(200),
    email: z.email().optional(),
    employeeId: z.string().trim().min(1).max(64).optional(),
    /** Defaults to the caller's council. */
    partnerCode: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,9}$/)
      .optional(),
  })
  .strict()
  .refine((input) => input.email || input.employeeId, { message: 'give the work email, the employee id or both' });
export type StarterCheckInput = z.infer<typeof starterCheckInput>;
