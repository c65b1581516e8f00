import { HttpRequest } from '@azure/functions';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFromRequest } from '../../../functions/http/caller-from-request';
import { loadSettings } from '../../../shared/config/settings';
import { ROLES } from '../../../shared/identity/caller';
import type { Runtime } from '../../../shared/runtime';
import { storesWithPartnership } from '../../support/memory-partnership';

const request = (headers: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: 'http://localhost/api/me', headers });

async function runtimeWith(devCallerEnabled: boolean): Promise<Runtime> {
  const settings = loadSettings({
    HUB_ENVIRONMENT: 'development',
    COSMOS_ENDPOINT: 'https://127.0.0.1:8081/',
    COSMOS_KEY: 'a2V5',
    STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    DEV_CALLER_ENABLED: String(devCallerEnabled),
    DEV_DEFAULT_PARTNERSHIP: 'p3',
  });
  return { settings, stores: await storesWithPartnership(), probes: {}, heartbeats: undefined as never };
}

describe('callerFromRequest with the development caller', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await runtimeWith(true);
  });

  it('defaults to a partnership administrator of the host council', async () => {
    const caller = await callerFromRequest(request(), runtime);
    expect(caller).toMatchObject({ partnershipId: 'p3', partnerCode: 'HDC', roles: ROLES });
  });

  it('takes the partner and roles from the X-Dev headers', async () => {
    const caller = await callerFromRequest(
      request({ 'x-dev-partner': 'SCDC', 'x-dev-roles': 'staff, bid-approver' }),
      runtime,
    );
    expect(caller).toMatchObject({ partnerCode: 'SCDC', roles: ['staff', 'bid-approver'] });
  });

  it('refuses an unknown partnership or partner as unauthenticated, and an unknown role as bad input', async () => {
    await expect(callerFromRequest(request({ 'x-dev-partnership': 'nowhere' }), runtime)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(callerFromRequest(request({ 'x-dev-partner': 'PCC' }), runtime)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    await expect(callerFromRequest(request({ 'x-dev-roles': 'staff,superuser' }), runtime)).rejects.toMatchObject({
      kind: 'invalid-input',
    });
  });
});

describe('callerFromRequest without the development caller (production)', () => {
  it('refuses every request, whatever headers it carries', async () => {
    const runtime = await runtimeWith(false);
    await expect(callerFromRequest(request({ 'x-dev-partnership': 'p3' }), runtime)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});
