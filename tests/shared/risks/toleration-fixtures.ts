import type { Caller, Role } from '../../../shared/identity/caller';
import type { InfrastructureRisk } from '../../../shared/schemas/risks';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership, threeCouncils } from '../../support/memory-partnership';

export const JOINT_RISK: InfrastructureRisk = {
  id: 'risk-joint-witness-host',
  partnerCodes: ['CCC', 'HDC', 'SCDC'],
  joint: true,
  councilLabel: 'CCC/HDC/SCDC (joint risk)',
  category: 'Witness Host',
  risk: 'A single Witness Host server monitors connectivity to both datacentres.',
  mitigation: 'The server is clustered, but relies on power and air conditioning.',
  recommendation: 'Tolerate the risk of having a single witness server.',
  probability: 'Possible',
  impact: 'Medium',
};

export const HDC_RISK: InfrastructureRisk = {
  id: 'risk-hdc-firewalls',
  partnerCodes: ['HDC'],
  joint: false,
  councilLabel: 'HDC',
  category: 'Firewalls',
  risk: 'The firewalls for Eastfield House cannot move to the new data centre.',
  mitigation: 'In the event of a failure the work to remove the firewalls would be brought forward.',
  recommendation: 'Tolerate the risks.',
  probability: null,
  impact: null,
};

export const T0 = new Date('2026-01-05T09:00:00.000Z');
export const DAY = 24 * 60 * 60_000;
export const at = (days: number) => () => new Date(T0.getTime() + days * DAY);

export const admin = callerOf('HDC', ['staff', 'partnership-admin']);
export const staff = (code: string) => callerOf(code, ['staff']);

/** A risk approver of a council; `n` tells two approvers of one council apart. */
export function approver(code: string, n = 1, roles: Role[] = ['staff', 'risk-approver']): Caller {
  return { ...callerOf(code, roles), userId: `approver-${code}-${n}`, name: `Approver ${n} of ${code}` };
}

/** The three councils' partnership with the two risks in its register. */
export async function storesWithRisks(): Promise<Stores> {
  const stores = await storesWithPartnership();
  await stores.risks.upsertMany([
    { ...JOINT_RISK, partnershipId: threeCouncils.id, sequence: 0 },
    { ...HDC_RISK, partnershipId: threeCouncils.id, sequence: 1 },
  ]);
  return stores;
}

/** What a refused call must leave as it was: every round, notice and audit entry, with their ETags. */
export async function snapshotOfWrites(stores: Stores) {
  const rows = async (list: Promise<{ record: { id: string }; etag: string }[]>) =>
    (await list).map((row) => [row.record.id, row.etag]);
  return {
    tolerations: await rows(stores.riskTolerations.listAll(threeCouncils.id)),
    notices: await rows(stores.riskNotices.listAll(threeCouncils.id)),
    audit: (await stores.audit.listAll(threeCouncils.id)).length,
  };
}
