import { z } from 'zod';
import { ROLES, type Role } from '../identity/caller';
import { partnerCode, storedFields } from './common';

/** The roles a person can hold when acting from a card; everyone of a partner tenant is also `staff`. */
export const CARD_ROLES = ROLES.filter((role): role is Exclude<Role, 'staff'> => role !== 'staff');

/** One person of a council who acts on cards, by their directory object id in the council's tenant. */
export const approver = z
  .object({
    objectId: z.uuid().transform((id) => id.toLowerCase()),
    name: z.string().trim().min(1).max(200),
    roles: z.array(z.enum(CARD_ROLES)).min(1).max(CARD_ROLES.length),
  })
  .strict();
export type Approver = z.infer<typeof approver>;

/** What a partnership administrator sends to replace a council's list (PUT /api/approvers/{partnerCode}). */
export const councilApproversInput = z
  .object({ approvers: z.array(approver).max(500) })
  .strict()
  .superRefine((value, ctx) => {
    const ids = value.approvers.map((a) => a.objectId);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({ code: 'custom', path: ['approvers', index, 'objectId'], message: `${id} is listed twice` });
      }
    });
  });
export type CouncilApproversInput = z.infer<typeof councilApproversInput>;

/**
 * Who acts on cards for one council, and with which roles. A card action carries no user token (Teams sends only
 * the user's ids), so the roles a token would carry cannot be read from it: this list, kept by the partnership's
 * administrators, is what the bot checks instead. One record per council, id = the council's partner code.
 */
export const councilApprovers = z.object({
  id: partnerCode,
  ...storedFields,
  partnerCode,
  approvers: z.array(approver),
});
export type CouncilApprovers = z.infer<typeof councilApprovers>;
