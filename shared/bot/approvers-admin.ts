import { notFound } from '../errors';
import { type Caller, requireRole } from '../identity/caller';
import { type ConfigWrite, writeConfigRecord } from '../licences/config-record';
import { findPartnership } from '../partnerships/find-partnership';
import type { Approver, CouncilApprovers, CouncilApproversInput } from '../schemas/approvers';
import type { Stores } from '../stores/stores';

/** One council's approvers as the API shows them, with the ETag to send back when replacing them. */
export type CouncilApproversView = {
  partnerCode: string;
  councilName: string;
  approvers: Approver[];
  /** null while the council has no list yet: PUT without If-Match creates it. */
  etag: string | null;
};

/** Every council's approvers, in the partnership's order; partnership administrators only. */
export async function listApprovers(
  stores: Pick<Stores, 'partnerships' | 'approvers'>,
  caller: Caller,
): Promise<CouncilApproversView[]> {
  requireRole(caller, 'partnership-admin');
  const partnership = await findPartnership(stores, caller.partnershipId);
  const stored = await stores.approvers.listAll(caller.partnershipId);
  return partnership.partners.map((partner) => {
    const found = stored.find((row) => row.record.partnerCode === partner.code);
    return {
      partnerCode: partner.code,
      councilName: partner.name,
      approvers: found?.record.approvers ?? [],
      etag: found?.etag ?? null,
    };
  });
}

/**
 * Replaces who acts on cards for one council (partnership administrators): If-Match once the list exists, audited.
 * A person's object id is the one in their own council's tenant, as Teams reports it on their card actions.
 */
export async function replaceCouncilApprovers(
  stores: Pick<Stores, 'partnerships' | 'approvers' | 'audit'>,
  caller: Caller,
  partnerCode: string,
  input: CouncilApproversInput,
  etag: string | undefined,
): Promise<ConfigWrite<CouncilApprovers>> {
  requireRole(caller, 'partnership-admin');
  const partnership = await findPartnership(stores, caller.partnershipId);
  if (!partnership.partners.some((p) => p.code === partnerCode)) throw notFound(`No council ${partnerCode}.`);
  const record = {
    id: partnerCode,
    partnershipId: caller.partnershipId,
    sequence: 0,
    partnerCode,
    approvers: input.approvers,
  };
  return writeConfigRecord(stores.approvers, stores.audit, caller, record, etag, {
    action: 'bot.approvers.replace',
    kind: 'approvers',
    label: `approvers of ${partnerCode}`,
  });
}
