import { z } from 'zod';
import { nonEmptyText, partnerCode, partnershipId } from './common';

/** A council in a partnership, with the Microsoft Entra tenant its staff sign in to. */
export const partner = z.object({
  code: partnerCode,
  name: nonEmptyText,
  /** The name the plan's tables use for this council ("City", "Huntingdonshire DC"). */
  shortName: nonEmptyText,
  tenantId: z.uuid(),
});
export type Partner = z.infer<typeof partner>;

/** The SaaS customer: a group of councils sharing one IT service. */
export const partnership = z
  .object({
    id: partnershipId,
    partnershipId,
    name: nonEmptyText,
    /** Name of the shared service the councils run together. */
    sharedServiceName: nonEmptyText,
    /** The partner that employs the shared service's staff, where there is one. */
    hostPartnerCode: partnerCode.optional(),
    partners: z.array(partner).min(2),
  })
  .superRefine((value, ctx) => {
    if (value.id !== value.partnershipId) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'id must equal partnershipId' });
    }
    const codes = value.partners.map((p) => p.code);
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index) {
        ctx.addIssue({ code: 'custom', path: ['partners', index, 'code'], message: `duplicate partner code ${code}` });
      }
    });
    const tenants = value.partners.map((p) => p.tenantId.toLowerCase());
    tenants.forEach((tenant, index) => {
      if (tenants.indexOf(tenant) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['partners', index, 'tenantId'],
          message: 'each partner has its own tenant',
        });
      }
    });
    if (value.hostPartnerCode && !codes.includes(value.hostPartnerCode)) {
      ctx.addIssue({ code: 'custom', path: ['hostPartnerCode'], message: 'the host must be one of the partners' });
    }
  });
export type Partnership = z.infer<typeof partnership>;
