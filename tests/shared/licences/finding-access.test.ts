import { describe, expect, it } from 'vitest';
import { canSeeCouncil, canSeeFinding, licenceScope, visibleCouncils } from '../../../shared/licences/finding-access';
import { callerOf } from '../../support/memory-partnership';

describe('the licence access rule', () => {
  it('lets only licence and partnership administrators read licence data', () => {
    expect(() => licenceScope(callerOf('CCC', ['staff', 'risk-approver', 'bid-approver']))).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
    expect(licenceScope(callerOf('CCC', ['licence-admin']))).toEqual({ kind: 'council', partnerCode: 'CCC' });
    expect(licenceScope(callerOf('HDC', ['partnership-admin']))).toEqual({ kind: 'partnership' });
    expect(licenceScope(callerOf('HDC', ['licence-admin', 'partnership-admin']))).toEqual({ kind: 'partnership' });
  });

  it("scopes a licence administrator to their council's findings and figures", () => {
    const city = licenceScope(callerOf('CCC', ['licence-admin']));
    expect(canSeeFinding(city, { partnerCodes: ['CCC'] })).toBe(true);
    expect(canSeeFinding(city, { partnerCodes: ['CCC', 'HDC'] })).toBe(true);
    expect(canSeeFinding(city, { partnerCodes: ['HDC', 'SCDC'] })).toBe(false);
    expect(canSeeCouncil(city, 'HDC')).toBe(false);
    expect(visibleCouncils(city, { CCC: 1, HDC: 2, SCDC: 3 })).toEqual({ CCC: 1 });
    const everyone = licenceScope(callerOf('HDC', ['partnership-admin']));
    expect(canSeeFinding(everyone, { partnerCodes: ['SCDC'] })).toBe(true);
    expect(visibleCouncils(everyone, { CCC: 1, HDC: 2 })).toEqual({ CCC: 1, HDC: 2 });
  });
});
