import { describe, expect, it } from 'vitest';
import { checkTenantConnection, credentialSettingPrefix } from '../../../shared/licences/connection-policy';
import { type TenantConnection, tenantConnection } from '../../../shared/schemas/licences';

const connection = (overrides: Record<string, unknown> = {}): TenantConnection =>
  tenantConnection.parse({
    partnerCode: 'CCC',
    tenantId: '3c1c0001-0000-4000-8000-000000000001',
    clientId: '11111111-2222-4333-8444-555555555555',
    credential: { kind: 'secret', setting: 'RECONCILER_3C_ICT_CCC' },
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    reportSender: 'licence-reports@cambridge.example',
    reportRecipients: ['priya.shah@cambridge.example'],
    ...overrides,
  });
const pathsOf = (c: TenantConnection, environment: 'development' | 'production' = 'production') =>
  checkTenantConnection(c, '3c-ict', environment).map((problem) => problem.path);

describe('the tenant connection policy', () => {
  it("names a partnership's credential settings RECONCILER_ + its id in upper case, non-alphanumerics as _", () => {
    expect(credentialSettingPrefix('3c-ict')).toBe('RECONCILER_3C_ICT_');
    expect(credentialSettingPrefix('cambs-pboro')).toBe('RECONCILER_CAMBS_PBORO_');
    expect(credentialSettingPrefix('a.b c')).toBe('RECONCILER_A_B_C_');
  });

  it('accepts a connection to public Microsoft cloud endpoints with a setting of its own', () => {
    expect(checkTenantConnection(connection(), '3c-ict', 'production')).toEqual([]);
  });

  it("keeps a partnership whose id starts another's (3c and 3c-ict) from naming the other's settings", () => {
    const named = (setting: string, partnershipId: string) =>
      checkTenantConnection(connection({ credential: { kind: 'secret', setting } }), partnershipId, 'production');
    expect(named('RECONCILER_3C_ICT_SECRET', '3c')).toEqual([
      { path: 'credential.setting', message: expect.stringContaining('RECONCILER_3C_<NAME>') },
    ]);
    expect(named('RECONCILER_3C_SECRET', '3c')).toEqual([]);
    expect(named('RECONCILER_3C_ICT_SECRET', '3c-ict')).toEqual([]);
  });

  it("refuses any app setting outside the partnership's prefix, such as the storage connection string", () => {
    for (const setting of ['HUB_STORAGE', 'COSMOS_KEY', 'RECONCILER_CAMBS_PBORO_SECRET', 'RECONCILER_3C_ICT_']) {
      const problems = checkTenantConnection(
        connection({ credential: { kind: 'secret', setting } }),
        '3c-ict',
        'production',
      );
      expect(problems, setting).toEqual([
        { path: 'credential.setting', message: expect.stringContaining('RECONCILER_3C_ICT_<NAME>') },
      ]);
    }
    const certificate = connection({
      credential: { kind: 'certificate', setting: 'API_CLIENT_SECRET', thumbprint: 'a'.repeat(40) },
    });
    expect(pathsOf(certificate)).toEqual(['credential.setting']);
  });

  it("accepts each of Microsoft's national clouds", () => {
    const clouds = [
      ['https://login.microsoftonline.com', 'https://graph.microsoft.com'],
      ['https://login.microsoftonline.us', 'https://graph.microsoft.us'],
      ['https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
      ['https://login.partner.microsoftonline.cn', 'https://microsoftgraph.chinacloudapi.cn'],
    ];
    for (const [authorityHost, graphBaseUrl] of clouds) {
      expect(pathsOf(connection({ authorityHost, graphBaseUrl })), `${authorityHost} ${graphBaseUrl}`).toEqual([]);
    }
  });

  it('refuses any other host, and a Microsoft host given with a path, port, user or trailing slash', () => {
    const bad = [
      'https://attacker.example',
      'https://login.microsoftonline.com.attacker.example',
      'https://login.microsoftonline.com/common',
      'https://login.microsoftonline.com/',
      'https://login.microsoftonline.com:8443',
      'https://user@login.microsoftonline.com',
      'https://localhost:44300',
    ];
    for (const host of bad) {
      const problems = checkTenantConnection(
        connection({ authorityHost: host, graphBaseUrl: host.replace('login.microsoftonline', 'graph.microsoft') }),
        '3c-ict',
        'production',
      );
      expect(
        problems.map((p) => p.path),
        host,
      ).toEqual(['authorityHost', 'graphBaseUrl']);
      expect(problems[0]?.message, host).toContain('https://login.microsoftonline.com');
      expect(problems[1]?.message, host).toContain('https://graph.microsoft.com');
    }
  });

  it('lets development reach the simulators over https on localhost or 127.0.0.1, never production', () => {
    const local = connection({ authorityHost: 'https://localhost:44300', graphBaseUrl: 'https://127.0.0.1:9443' });
    expect(pathsOf(local, 'development')).toEqual([]);
    expect(pathsOf(local, 'production')).toEqual(['authorityHost', 'graphBaseUrl']);
    const plain = connection({
      authorityHost: 'https://localhost:44300/tenant',
      graphBaseUrl: 'https://10.0.0.1:9443',
    });
    expect(pathsOf(plain, 'development')).toEqual(['authorityHost', 'graphBaseUrl']);
  });

  it('needs the report sender to be an address and at most 20 recipients', () => {
    const many = Array.from({ length: 21 }, (_, i) => `admin${i}@cambridge.example`);
    const problems = checkTenantConnection(
      connection({ reportSender: '00000000-0000-4000-8000-000000000000', reportRecipients: many }),
      '3c-ict',
      'production',
    );
    expect(problems).toEqual([
      { path: 'reportSender', message: expect.stringContaining('mail address') },
      { path: 'reportRecipients', message: expect.stringContaining('at most 20') },
    ]);
    expect(pathsOf(connection({ reportRecipients: many.slice(0, 20) }))).toEqual([]);
    expect(pathsOf(connection({ reportSender: undefined, reportRecipients: [] }))).toEqual([]);
  });
});
