import { type Exclusion, FINDING_TYPES, type Finding, findingAccount, findWaste, type HrRecord } from './find-waste';
import type { MatchCandidate, RunTotals } from './licence-run';
import type { LicensedAccount } from './licensed-account';
import { accountKey } from './licensed-account';
import { type MatchDecisions, matchPeople } from './match-people';
import type { PriceList } from './price-list';

export type Assessment = { findings: Finding[]; totals: RunTotals; candidates: MatchCandidate[] };

/**
 * The reconciler's judgement over every tenant's seats at once: people matched across tenants (with the
 * administrators' decisions), then the waste, then the totals a report and the trend chart show.
 */
export function assessSeats(input: {
  accounts: readonly LicensedAccount[];
  prices: PriceList;
  hr: readonly HrRecord[];
  decisions: MatchDecisions;
  exclusions: readonly Exclusion[];
  now: Date;
  inactiveDays: number;
}): Assessment {
  const people = matchPeople(input.accounts, input.decisions);
  const findings = findWaste({ ...input, people });
  const candidates = people
    .filter((person) => person.confidence === 'candidate')
    .map((person) => ({
      id: person.id,
      accountKeys: person.accounts.map(accountKey).sort() as [string, string],
      partnerCodes: [...new Set(person.accounts.map((a) => a.partnerCode))].sort(),
      accounts: person.accounts.map((account) => findingAccount(account, input.prices)),
      reason: person.reasons.join('; '),
    }));
  return { findings, totals: totalsOf(findings, input.accounts.length, people), candidates };
}

function totalsOf(findings: readonly Finding[], accounts: number, people: ReturnType<typeof matchPeople>): RunTotals {
  const byType: RunTotals['byType'] = {};
  for (const type of FINDING_TYPES) {
    const ofType = findings.filter((finding) => finding.type === type);
    if (ofType.length > 0)
      byType[type] = { count: ofType.length, annualCostPence: sum(ofType.map((f) => f.annualCostPence)) };
  }
  const byPartner: RunTotals['byPartner'] = {};
  for (const finding of findings) {
    for (const code of finding.partnerCodes) {
      const entry = byPartner[code] ?? { count: 0, annualCostPence: 0 };
      byPartner[code] = {
        count: entry.count + 1,
        annualCostPence: entry.annualCostPence + (finding.costByPartner[code] ?? 0),
      };
    }
  }
  return {
    findings: findings.length,
    annualCostPence: sum(findings.map((finding) => finding.annualCostPence)),
    byType,
    byPartner,
    accounts,
    people: people.filter((person) => person.confidence !== 'candidate').length,
    candidateMatches: people.filter((person) => person.confidence === 'candidate').length,
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
