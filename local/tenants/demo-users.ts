import { createHash } from 'node:crypto';
import type { Role } from '../../shared/identity/caller';
import type { Partnership } from '../../shared/schemas/partnership';

export type DemoUser = {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  jobTitle: string;
  roles: Role[];
  partnershipId: string;
  partnerCode: string;
  tenantId: string;
};

export type SimulatedTenant = {
  tenantId: string;
  displayName: string;
  domain: string;
  partnershipId: string;
  partnerCode: string;
  users: DemoUser[];
};

type Person = { alias: string; name: string; jobTitle: string; roles: Exclude<Role, 'staff'>[] };

/**
 * The demo councils' directories, by partnership and partner code. Every council has staff-only users, approvers
 * of risks and bids, and each partnership a partnership admin (3C ICT also a service desk manager), so every role
 * can be tried locally. Domains use
 * the reserved .example TLD, so no demo address can reach a real mailbox.
 */
const DIRECTORIES: Record<string, Record<string, { domain: string; people: Person[] }>> = {
  '3c-ict': {
    CCC: {
      domain: 'cambridge.example',
      people: [
        {
          alias: 'fiona.bryant',
          name: 'Fiona Bryant',
          jobTitle: 'Director of Shared Service',
          roles: ['risk-approver', 'bid-approver'],
        },
        { alias: 'alex.turner', name: 'Alex Turner', jobTitle: 'Housing Officer', roles: [] },
        { alias: 'priya.shah', name: 'Priya Shah', jobTitle: 'ICT Client Manager', roles: ['licence-admin'] },
      ],
    },
    HDC: {
      domain: 'huntingdonshire.example',
      people: [
        {
          alias: 'sam.smith',
          name: 'Sam Smith',
          jobTitle: 'Head of 3C ICT Shared Service',
          roles: ['partnership-admin'],
        },
        {
          alias: 'sagar.roy',
          name: 'Sagar Roy',
          jobTitle: 'Deputy Head of IT - Operations',
          roles: ['partnership-admin', 'licence-admin', 'finance-approver'],
        },
        {
          alias: 'oliver.morley',
          name: 'Oliver Morley',
          jobTitle: 'Director of Shared Service',
          roles: ['risk-approver', 'bid-approver'],
        },
        { alias: 'jo.baker', name: 'Jo Baker', jobTitle: 'Customer Services Adviser', roles: [] },
        { alias: 'lee.hunt', name: 'Lee Hunt', jobTitle: 'IT Service Desk Manager', roles: ['service-desk'] },
      ],
    },
    SCDC: {
      domain: 'scambs.example',
      people: [
        {
          alias: 'mike.hill',
          name: 'Mike Hill',
          jobTitle: 'Director of Shared Service',
          roles: ['risk-approver', 'bid-approver'],
        },
        { alias: 'chris.lee', name: 'Chris Lee', jobTitle: 'Planning Officer', roles: [] },
        { alias: 'dana.ward', name: 'Dana Ward', jobTitle: 'Business Systems Manager', roles: ['licence-admin'] },
      ],
    },
  },
  'cambs-pboro': {
    CCC: {
      domain: 'cambridgeshire.example',
      people: [
        {
          alias: 'sue.grace',
          name: 'Sue Grace',
          jobTitle: 'Director of IT and Digital',
          roles: ['partnership-admin', 'risk-approver', 'bid-approver'],
        },
        { alias: 'tom.evans', name: 'Tom Evans', jobTitle: 'Social Worker', roles: [] },
      ],
    },
    PCC: {
      domain: 'peterborough.example',
      people: [
        {
          alias: 'nina.patel',
          name: 'Nina Patel',
          jobTitle: 'Head of Digital',
          roles: ['risk-approver', 'bid-approver', 'licence-admin'],
        },
        { alias: 'ben.clarke', name: 'Ben Clarke', jobTitle: 'Early Help Coordinator', roles: [] },
      ],
    },
  },
};

/**
 * One simulated tenant per partner, with the partner's own tenant id, so tokens carry the tids the partnerships
 * name. A partner the demo directory does not know (a test's partnership) gets a tenant with no users.
 */
export function buildDemoTenants(partnerships: Partnership[]): SimulatedTenant[] {
  return partnerships.flatMap((partnership) =>
    partnership.partners.map((partner) => {
      const directory = DIRECTORIES[partnership.partnershipId]?.[partner.code];
      const domain = directory?.domain ?? `${partner.code}.${partnership.partnershipId}.example`.toLowerCase();
      const tenantId = partner.tenantId.toLowerCase();
      const users = (directory?.people ?? []).map(
        (person): DemoUser => ({
          objectId: objectIdOf(`${person.alias}@${domain}`),
          userPrincipalName: `${person.alias}@${domain}`,
          displayName: person.name,
          jobTitle: person.jobTitle,
          roles: ['staff', ...person.roles],
          partnershipId: partnership.partnershipId,
          partnerCode: partner.code,
          tenantId,
        }),
      );
      return {
        tenantId,
        displayName: partner.name,
        domain,
        partnershipId: partnership.partnershipId,
        partnerCode: partner.code,
        users,
      };
    }),
  );
}

/** Namespace of the demo users' object ids (a random, fixed UUID), so they collide with no other v5 UUIDs. */
const OBJECT_ID_NAMESPACE = Buffer.from('6c3f2a9e4b7d4f0a8e1c5d2b9a7f3e61', 'hex');

/**
 * A stable directory object id from the UPN: a version-5 UUID (SHA-1 of namespace and name), so the same demo
 * user has the same oid on every start, as a real user does, and data recorded against it stays theirs.
 */
export function objectIdOf(userPrincipalName: string): string {
  const hash = createHash('sha1').update(OBJECT_ID_NAMESPACE).update(userPrincipalName.toLowerCase()).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
