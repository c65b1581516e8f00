import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemoDatasets } from '../../../local/seed/demo-datasets';
import { ensureLocalCertificates } from '../../../local/stack/local-certificates';
import { LOCAL_API_CLIENT_ID, LOCAL_STATE_FOLDER } from '../../../local/stack/local-stack';
import { trustLocalCertificateAuthority } from '../../../local/stack/trust-local-ca';
import { buildDemoTenants } from '../../../local/tenants/demo-users';
import { type RunningTenantSimulator, startTenantSimulator } from '../../../local/tenants/tenant-simulator';
import { AccessTokenVerifier, claimedTenant } from '../../../shared/identity/access-token-verifier';

const USER = 'mike.hill@scambs.example';

describe('AccessTokenVerifier against a simulated tenant', () => {
  let simulator: RunningTenantSimulator;
  let tenantId: string;
  const keyFetches = () =>
    vi.mocked(globalThis.fetch).mock.calls.filter(([url]) => String(url).includes('/discovery/v2.0/keys')).length;

  beforeAll(async () => {
    const certificates = await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'));
    trustLocalCertificateAuthority(certificates.ca);
    simulator = await startTenantSimulator({
      certificates,
      tenants: buildDemoTenants(loadDemoDatasets().map((d) => d.partnership)),
      api: { clientId: LOCAL_API_CLIENT_ID, appIdUri: `api://${LOCAL_API_CLIENT_ID}` },
      publicClientIds: [LOCAL_API_CLIENT_ID],
    });
    tenantId = claimedTenant(await simulator.issueUserAccessToken(USER));
    vi.spyOn(globalThis, 'fetch');
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await simulator?.close();
  });

  const verifier = () =>
    new AccessTokenVerifier({
      authorityHost: simulator.authorityHost,
      audiences: [LOCAL_API_CLIENT_ID, `api://${LOCAL_API_CLIENT_ID}`],
      refetchCooldownMs: 0,
    });

  it('verifies a token and reads the caller from it', async () => {
    const verified = await verifier().verify(await simulator.issueUserAccessToken(USER), tenantId);
    expect(verified).toMatchObject({ tenantId, name: 'Mike Hill' });
    expect(verified.roles).toEqual(expect.arrayContaining(['staff', 'risk-approver', 'bid-approver']));
  });

  it('fetches a tenant keys once, then serves later tokens from its cache', async () => {
    const subject = verifier();
    const before = keyFetches();
    for (let i = 0; i < 5; i++) await subject.verify(await simulator.issueUserAccessToken(USER), tenantId);
    expect(keyFetches() - before).toBe(1);
  });

  it('fetches the keys again when a token names a key it has not seen (a rotation)', async () => {
    const subject = verifier();
    const old = await simulator.issueUserAccessToken(USER);
    await subject.verify(old, tenantId);
    simulator.rotateKeys(tenantId);
    const rotated = await simulator.issueUserAccessToken(USER);
    expect(decodeProtectedHeader(rotated).kid).not.toBe(decodeProtectedHeader(old).kid);
    const before = keyFetches();
    await expect(subject.verify(rotated, tenantId)).resolves.toMatchObject({ tenantId });
    expect(keyFetches() - before).toBe(1);
    await expect(subject.verify(old, tenantId)).resolves.toMatchObject({ tenantId });
  });

  it('remembers a verified token only until it expires, and only for the tenant it was verified for', async () => {
    let clock = Date.now();
    const subject = new AccessTokenVerifier({
      authorityHost: simulator.authorityHost,
      audiences: [LOCAL_API_CLIENT_ID],
      clockToleranceSeconds: 0,
      now: () => clock,
    });
    const token = await simulator.issueUserAccessToken(USER, { lifetimeSeconds: 600 });
    const first = await subject.verify(token, tenantId);
    await expect(subject.verify(token, tenantId)).resolves.toEqual(first);
    const otherTenant = simulator.tenants.find((t) => t.tenantId !== tenantId)?.tenantId as string;
    await expect(subject.verify(token, otherTenant)).rejects.toMatchObject({ kind: 'unauthenticated' });
    clock += 601_000;
    await expect(subject.verify(token, tenantId)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('refuses a token presented for another tenant than the one that signed it', async () => {
    const otherTenant = simulator.tenants.find((t) => t.tenantId !== tenantId)?.tenantId as string;
    await expect(verifier().verify(await simulator.issueUserAccessToken(USER), otherTenant)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});
