import { type PlantedCase, POPULATION_SKUS } from './population';

const E3 = [{ skuId: POPULATION_SKUS.e3, disabledPlans: [] }];
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();
const daysAhead = (now: Date, days: number) => daysAgo(now, -days).slice(0, 10);

/**
 * The cases planted in a three-council demo population (tenant 0, 1 and 2 are the partnership's councils in
 * order), each with the finding the reconciler must report, or null where it must report nothing.
 */
export function plantedCases(now: Date, partnerCodes: readonly [string, string, string]): PlantedCase[] {
  const [a, b, c] = partnerCodes;
  return [
    {
      name: 'one person in two councils, same employee id',
      expected: { type: 'duplicate-seat', partnerCodes: [a, b].sort() },
      users: [
        { tenant: 0, user: { givenName: 'Ruth', surname: 'Collins', employeeId: 'SS0101' } },
        { tenant: 1, user: { givenName: 'Ruth', surname: 'Collins', employeeId: 'SS0101' } },
      ],
    },
    {
      name: 'one person in two councils, same on-premises immutable id',
      expected: { type: 'duplicate-seat', partnerCodes: [b, c].sort() },
      users: [
        { tenant: 1, user: { givenName: 'Dev', surname: 'Mistry', onPremisesImmutableId: 'aW1tdXRhYmxlLWRldg==' } },
        {
          tenant: 2,
          user: { givenName: 'Devendra', surname: 'Mistry', onPremisesImmutableId: 'aW1tdXRhYmxlLWRldg==' },
        },
      ],
    },
    {
      name: 'one person in two councils, linked by a proxy address',
      expected: { type: 'duplicate-seat', partnerCodes: [a, c].sort() },
      users: [
        { tenant: 0, user: { givenName: 'Erin', surname: 'Walsh', mail: 'erin.walsh@shared-team.example' } },
        {
          tenant: 2,
          user: {
            givenName: 'Erin',
            surname: 'Walsh',
            proxyAddresses: ['SMTP:e.walsh@scdc.example', 'smtp:erin.walsh@shared-team.example'],
          },
        },
      ],
    },
    {
      name: 'one person licensed in all three councils',
      expected: { type: 'duplicate-seat', partnerCodes: [a, b, c].sort() },
      users: [0, 1, 2].map((tenant) => ({ tenant, user: { givenName: 'Gita', surname: 'Rao', employeeId: 'SS0303' } })),
    },
    {
      name: 'two different people with the same name (a candidate only)',
      expected: null,
      users: [
        { tenant: 0, user: { givenName: 'Sam', surname: 'Jones' } },
        { tenant: 1, user: { givenName: 'Sam', surname: 'Jones' } },
      ],
    },
    {
      name: 'a leaver whose leave date has passed',
      expected: { type: 'leaver-licensed', partnerCodes: [b] },
      users: [{ tenant: 1, user: { givenName: 'Paul', surname: 'Reid', employeeLeaveDateTime: daysAgo(now, 40) } }],
    },
    {
      name: 'a leaver named by the HR feed',
      expected: { type: 'leaver-licensed', partnerCodes: [c] },
      users: [{ tenant: 2, user: { givenName: 'Rosa', surname: 'Lima', employeeId: `${c}777` } }],
      hr: [
        {
          employeeNumber: `${c}777`,
          name: 'Rosa Lima',
          workEmail: 'rosa.lima@hr.example',
          tenant: 2,
          startDate: null,
          leaveDate: daysAhead(now, -14),
        },
      ],
    },
    {
      name: 'a disabled account still licensed',
      expected: { type: 'disabled-licensed', partnerCodes: [a] },
      users: [{ tenant: 0, user: { givenName: 'Ian', surname: 'Foster', accountEnabled: false } }],
    },
    {
      name: 'no sign-in for 200 days',
      expected: { type: 'inactive-licensed', partnerCodes: [b] },
      users: [
        {
          tenant: 1,
          user: {
            givenName: 'Olga',
            surname: 'Novak',
            // Someone tried her password yesterday and failed: only successful sign-ins count as use.
            signInActivity: {
              lastSignInDateTime: daysAgo(now, 1),
              lastNonInteractiveSignInDateTime: daysAgo(now, 200),
              lastSuccessfulSignInDateTime: daysAgo(now, 200),
            },
          },
        },
      ],
    },
    {
      name: 'E3 and E5 on one account',
      expected: { type: 'overlapping-skus', partnerCodes: [c] },
      users: [
        {
          tenant: 2,
          user: {
            givenName: 'Ken',
            surname: 'Adams',
            assignedLicenses: [...E3, { skuId: POPULATION_SKUS.e5, disabledPlans: [] }],
          },
        },
      ],
    },
    {
      name: 'a starter who already holds a seat at another council',
      expected: { type: 'starter-already-licensed', partnerCodes: [b, a] },
      users: [{ tenant: 0, user: { givenName: 'Lucy', surname: 'Hart', employeeId: 'SS0404' } }],
      hr: [
        {
          employeeNumber: 'SS0404',
          name: 'Lucy Hart',
          workEmail: 'lucy.hart@hr.example',
          tenant: 1,
          startDate: daysAhead(now, 10),
          leaveDate: null,
        },
      ],
    },
    {
      name: 'a licensed guest (not a seat)',
      expected: null,
      users: [{ tenant: 1, user: { givenName: 'Gus', surname: 'Partner', userType: 'Guest', assignedLicenses: E3 } }],
    },
    {
      name: 'an unlicensed member and a free-only member',
      expected: null,
      users: [
        { tenant: 0, user: { givenName: 'Una', surname: 'Licensed', assignedLicenses: [] } },
        {
          tenant: 2,
          user: {
            givenName: 'Fran',
            surname: 'Free',
            assignedLicenses: [{ skuId: POPULATION_SKUS.free, disabledPlans: [] }],
          },
        },
      ],
    },
  ];
}
