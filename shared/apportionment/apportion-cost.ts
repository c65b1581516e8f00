import { invalidInput } from '../errors';
import type { Caller } from '../identity/caller';
import { findPartnership } from '../partnerships/find-partnership';
import type { Stores } from '../stores/stores';
import { type ApportionmentRule, apportion, chargeToOriginator, type Driver, type Share } from './apportion';

export type ApportionRequest = {
  rule: ApportionmentRule;
  amountPence: number;
  /** Contribution, expected users or users per partner; for the staff rule they default to the plan's cost per partner. */
  drivers?: Record<string, number>;
  /** Financial year whose cost per partner drives a staff cost when no drivers are given. */
  year?: string;
  /** The council a legacy cost is charged back to. */
  originatingPartner?: string;
};

export type Apportionment = {
  rule: ApportionmentRule;
  amountPence: number;
  currency: 'GBP';
  driverSource: string;
  shares: (Share & { percent: number })[];
};

/** Shares a cost between the caller's partnership's councils by one of the plan's rules. */
export async function apportionCost(
  stores: Pick<Stores, 'partnerships' | 'plans'>,
  caller: Caller,
  request: ApportionRequest,
): Promise<Apportionment> {
  const partnership = await findPartnership(stores, caller.partnershipId);
  const codes = partnership.partners.map((p) => p.code);
  const unknown = (code: string) => !codes.includes(code);

  let shares: Share[];
  let driverSource = 'request';
  if (request.rule === 'legacy') {
    const originator = request.originatingPartner;
    if (!originator || unknown(originator)) {
      throw invalidInput('A legacy cost needs the originating partner.', [
        { path: 'originatingPartner', message: `one of ${codes.join(', ')}` },
      ]);
    }
    shares = chargeToOriginator(request.amountPence, codes, originator);
    driverSource = `originating partner ${originator}`;
  } else {
    let drivers: Driver[];
    if (request.drivers) {
      const problems = Object.keys(request.drivers)
        .filter(unknown)
        .map((code) => ({ path: `drivers.${code}`, message: `${code} is not a partner of ${partnership.name}` }));
      if (problems.length > 0) throw invalidInput('Drivers name councils outside the partnership.', problems);
      drivers = codes.map((partnerCode) => ({ partnerCode, driver: request.drivers?.[partnerCode] ?? 0 }));
    } else if (request.rule === 'staff' && request.year) {
      drivers = await contributionsFromPlan(stores, caller.partnershipId, codes, request.year);
      driverSource = `cost per partner ${request.year} in the business plan`;
    } else {
      throw invalidInput('Give the drivers per partner.', [
        { path: 'drivers', message: request.rule === 'staff' ? 'required unless a year is given' : 'required' },
      ]);
    }
    if (drivers.every((d) => d.driver === 0)) {
      throw invalidInput('At least one driver must be above zero.', [{ path: 'drivers', message: 'all are zero' }]);
    }
    shares = apportion(request.amountPence, drivers);
  }
  return {
    rule: request.rule,
    amountPence: request.amountPence,
    currency: 'GBP',
    driverSource,
    shares: shares.map((share) => ({
      ...share,
      percent: request.amountPence === 0 ? 0 : Math.round((share.pence / request.amountPence) * 10000) / 100,
    })),
  };
}

async function contributionsFromPlan(
  stores: Pick<Stores, 'plans'>,
  partnershipId: string,
  codes: string[],
  year: string,
): Promise<Driver[]> {
  const plans = await stores.plans.listAll(partnershipId);
  const table = plans
    .map((plan) => plan.record.costByPartner)
    .find((candidate) => candidate?.columns.some((column) => column.key === year));
  if (!table) {
    throw invalidInput('The business plan has no cost per partner for that year.', [
      { path: 'year', message: `no cost per partner for ${year}` },
    ]);
  }
  return codes.map((partnerCode) => ({
    partnerCode,
    driver: table.rows.find((row) => row.partnerCode === partnerCode && !row.isTotal)?.values[year] ?? 0,
  }));
}
