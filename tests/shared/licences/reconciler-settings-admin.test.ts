import { beforeEach, describe, expect, it } from 'vitest';
import { getReconcilerSettings, replaceReconcilerSettings } from '../../../shared/licences/reconciler-settings-admin';
import { type LicenceSettings, licenceSettings } from '../../../shared/schemas/licences';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';

const connection = (partnerCode: string, tenantId: string) => ({
  partnerCode,
  tenantId,
  clientId: '11111111-2222-4333-8444-555555555555',
  credential: { kind: 'secret', setting: `RECONCILER_P3_${partnerCode}` },
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: 'https://graph.microsoft.com',
});
const settingsWith = (...tenants: Record<string, unknown>[]): LicenceSettings => licenceSettings.parse({ tenants });

const CCC_TENANT = '3c1c0001-0000-4000-8000-000000000001';
const HDC_TENANT = '3c1c0002-0000-4000-8000-000000000002';
const admin = callerOf('HDC', ['staff', 'partnership-admin']);
const cityLicenceAdmin = callerOf('CCC', ['staff', 'licence-admin']);

describe('reconciler settings administration', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await storesWithPartnership();
  });

  it('stores settings for tenants of the partnership, canonical tenant ids, defaults, audited', async () => {
    const written = await replaceReconcilerSettings(
      stores,
      admin,
      settingsWith(connection('CCC', CCC_TENANT.toUpperCase()), connection('HDC', HDC_TENANT)),
      undefined,
      'production',
    );
    const read = await getReconcilerSettings(stores, admin);
    expect(read.etag).toBe(written.etag);
    expect(read.record.settings.tenants.map((t) => t.tenantId)).toEqual([CCC_TENANT, HDC_TENANT]);
    expect(read.record.settings.inactiveDays).toBe(90);
    expect(read.record.settings.tenants[0]?.credential).toEqual({ kind: 'secret', setting: 'RECONCILER_P3_CCC' });
    const audit = await stores.audit.listAll('p3');
    expect(audit.map((e) => [e.record.action, e.record.target.kind])).toEqual([
      ['licence.settings.replace', 'licenceSettings'],
    ]);
  });

  it('refuses tenants outside the partnership or under the wrong id, naming each entry, and writes nothing', async () => {
    const bad = settingsWith(
      connection('CCC', CCC_TENANT),
      connection('PCC', 'cb0c0002-0000-4000-8000-000000000002'),
      connection('HDC', CCC_TENANT),
      connection('CCC', CCC_TENANT),
    );
    const error = await replaceReconcilerSettings(stores, admin, bad, undefined, 'production').catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid-input' });
    expect(error.problems).toEqual([
      { path: 'body.tenants.1.partnerCode', message: expect.stringMatching(/^tenant 2 \(PCC, .*not a council/) },
      {
        path: 'body.tenants.2.tenantId',
        message: expect.stringMatching(/^tenant 3 \(HDC, .*HDC's tenant is 3c1c0002/),
      },
      { path: 'body.tenants.3.partnerCode', message: expect.stringContaining('CCC is listed twice') },
    ]);
    expect(await stores.licenceSettings.get('p3', 'settings')).toBeNull();
    expect(await stores.audit.listAll('p3')).toEqual([]);
  });

  it('refuses connections that break the policy, naming each problem, and writes nothing', async () => {
    const bad = settingsWith(
      { ...connection('CCC', CCC_TENANT), credential: { kind: 'secret', setting: 'HUB_STORAGE' } },
      {
        ...connection('HDC', HDC_TENANT),
        authorityHost: 'https://login.attacker.example',
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        reportSender: 'not an address',
        reportRecipients: Array.from({ length: 21 }, (_, i) => `admin${i}@huntingdonshire.example`),
      },
    );
    const error = await replaceReconcilerSettings(stores, admin, bad, undefined, 'production').catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('connection policy') });
    expect(error.problems).toEqual([
      {
        path: 'body.tenants.0.credential.setting',
        message: expect.stringMatching(/^tenant 1 \(CCC, .*RECONCILER_P3_<NAME>.*not HUB_STORAGE/),
      },
      { path: 'body.tenants.1.authorityHost', message: expect.stringContaining('https://login.attacker.example') },
      { path: 'body.tenants.1.graphBaseUrl', message: expect.stringContaining('not an origin alone') },
      { path: 'body.tenants.1.reportSender', message: expect.stringContaining('mail address') },
      { path: 'body.tenants.1.reportRecipients', message: expect.stringContaining('at most 20') },
    ]);
    expect(await stores.licenceSettings.get('p3', 'settings')).toBeNull();
    expect(await stores.audit.listAll('p3')).toEqual([]);
  });

  it('lets the simulators on localhost be named in development only', async () => {
    const local = settingsWith({
      ...connection('CCC', CCC_TENANT),
      authorityHost: 'https://localhost:44300',
      graphBaseUrl: 'https://127.0.0.1:9443',
    });
    const refused = await replaceReconcilerSettings(stores, admin, local, undefined, 'production').catch((e) => e);
    expect(refused.problems.map((p: { path: string }) => p.path)).toEqual([
      'body.tenants.0.authorityHost',
      'body.tenants.0.graphBaseUrl',
    ]);
    const written = await replaceReconcilerSettings(stores, admin, local, undefined, 'development');
    expect(written.record.settings.tenants[0]?.graphBaseUrl).toBe('https://127.0.0.1:9443');
  });

  it("shows a council's licence administrator only their own council's tenant", async () => {
    const written = await replaceReconcilerSettings(
      stores,
      admin,
      settingsWith(
        { ...connection('CCC', CCC_TENANT), reportRecipients: ['priya.shah@cambridge.example'] },
        { ...connection('HDC', HDC_TENANT), reportRecipients: ['sagar.roy@huntingdonshire.example'] },
      ),
      undefined,
      'production',
    );
    const read = await getReconcilerSettings(stores, cityLicenceAdmin);
    expect(read.etag).toBe(written.etag);
    expect(read.record.settings.tenants.map((t) => t.partnerCode)).toEqual(['CCC']);
    expect(read.record.settings.inactiveDays).toBe(90);
    expect(JSON.stringify(read)).not.toMatch(/HDC|huntingdonshire/);
    const whole = await getReconcilerSettings(stores, admin);
    expect(whole.record.settings.tenants.map((t) => t.partnerCode)).toEqual(['CCC', 'HDC']);
  });

  it('lets only the partnership administrator write; licence administrators may read', async () => {
    await expect(
      replaceReconcilerSettings(
        stores,
        cityLicenceAdmin,
        settingsWith(connection('CCC', CCC_TENANT)),
        undefined,
        'production',
      ),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(getReconcilerSettings(stores, cityLicenceAdmin)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(getReconcilerSettings(stores, callerOf('CCC', ['staff']))).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('needs the ETag once settings exist and refuses a stale one', async () => {
    const first = await replaceReconcilerSettings(
      stores,
      admin,
      settingsWith(connection('CCC', CCC_TENANT)),
      undefined,
      'production',
    );
    const next = settingsWith(connection('CCC', CCC_TENANT), connection('HDC', HDC_TENANT));
    await expect(replaceReconcilerSettings(stores, admin, next, undefined, 'production')).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    const second = await replaceReconcilerSettings(stores, admin, next, first.etag, 'production');
    await expect(replaceReconcilerSettings(stores, admin, next, first.etag, 'production')).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.licenceSettings.get('p3', 'settings'))?.etag).toBe(second.etag);
  });
});
