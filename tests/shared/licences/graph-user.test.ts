import { describe, expect, it } from 'vitest';
import { toLicensedAccount } from '../../../shared/licences/graph-user';

const tenant = { tenantId: 't-hdc', partnerCode: 'HDC' };

describe('toLicensedAccount', () => {
  it('keeps only what the reconciler reads, with addresses normalised', () => {
    const account = toLicensedAccount(
      {
        id: 'u1',
        displayName: 'Jo Baker',
        givenName: 'Jo',
        surname: 'Baker',
        userPrincipalName: 'jo.baker@huntingdonshire.example',
        mail: 'Jo.Baker@huntingdonshire.example',
        proxyAddresses: ['SMTP:Jo.Baker@huntingdonshire.example', 'smtp:jb@3csharedservices.example'],
        employeeId: ' H1001 ',
        onPremisesImmutableId: null,
        userType: 'Member',
        accountEnabled: true,
        assignedLicenses: [{ skuId: 'e3', disabledPlans: [] }],
        employeeLeaveDateTime: null,
      },
      tenant,
    );
    expect(account).toEqual({
      tenantId: 't-hdc',
      partnerCode: 'HDC',
      id: 'u1',
      displayName: 'Jo Baker',
      givenName: 'Jo',
      surname: 'Baker',
      userPrincipalName: 'jo.baker@huntingdonshire.example',
      emails: ['jo.baker@huntingdonshire.example', 'jb@3csharedservices.example'],
      employeeId: 'H1001',
      onPremisesImmutableId: null,
      accountEnabled: true,
      skuIds: ['e3'],
      employeeLeaveDateTime: null,
    });
  });

  it('drops guests and unlicensed users: they are not seats', () => {
    expect(toLicensedAccount({ id: 'g', userType: 'Guest', assignedLicenses: [{ skuId: 'e3' }] }, tenant)).toBeNull();
    expect(toLicensedAccount({ id: 'n', userType: 'Member', assignedLicenses: [] }, tenant)).toBeNull();
  });
});
