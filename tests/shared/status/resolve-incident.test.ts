import { beforeEach, describe, expect, it } from 'vitest';
import { createIncident } from '../../../shared/status/create-incident';
import { resolveIncident } from '../../../shared/status/resolve-incident';
import type { Stores } from '../../../shared/stores/stores';
import {
  auditActions,
  clock,
  minutesAgo,
  minutesAhead,
  NOW,
  newIncident,
  serviceDesk,
  staffOf,
  statusStores,
} from './status-fixtures';

describe('resolveIncident', () => {
  let stores: Stores;
  let id: string;
  let etag: string;
  beforeEach(async () => {
    stores = await statusStores();
    const created = await createIncident(stores, serviceDesk, newIncident({ start: minutesAgo(30) }), clock);
    id = created.record.id;
    etag = created.etag;
  });

  it('ends it now by default, with a closing update, and audits it', async () => {
    const resolved = await resolveIncident(stores, serviceDesk, id, { update: 'Service restored.' }, undefined, clock);
    expect(resolved.record).toMatchObject({
      end: NOW.toISOString(),
      resolvedAt: NOW.toISOString(),
      resolvedBy: { partnerCode: 'HDC' },
      updates: [{ text: 'Service restored.' }],
    });
    expect(await auditActions(stores)).toEqual(['incident.create', 'incident.resolve']);
  });

  it('ends it at the time given', async () => {
    const resolved = await resolveIncident(stores, serviceDesk, id, { end: minutesAgo(10) }, etag, clock);
    expect(resolved.record.end).toBe(minutesAgo(10));
  });

  it('refuses an end before the start or in the future, and changes nothing', async () => {
    await expect(
      resolveIncident(stores, serviceDesk, id, { end: minutesAgo(31) }, undefined, clock),
    ).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'end', message: expect.stringContaining('before the start') }],
    });
    await expect(
      resolveIncident(stores, serviceDesk, id, { end: minutesAhead(30) }, undefined, clock),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    expect((await stores.incidents.get('p3', id))?.etag).toBe(etag);
  });

  it('refuses resolving twice (409), so a double click records one end', async () => {
    await resolveIncident(stores, serviceDesk, id, {}, undefined, clock);
    await expect(resolveIncident(stores, serviceDesk, id, {}, undefined, clock)).rejects.toMatchObject({
      kind: 'conflict',
    });
    expect(await auditActions(stores)).toEqual(['incident.create', 'incident.resolve']);
  });

  it('refuses a stale If-Match and staff', async () => {
    await resolveIncident(stores, serviceDesk, id, { end: minutesAgo(5) }, etag, clock).then(() => undefined);
    const other = await createIncident(stores, serviceDesk, newIncident(), clock);
    await expect(resolveIncident(stores, staffOf('HDC'), other.record.id, {}, undefined, clock)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(resolveIncident(stores, serviceDesk, other.record.id, {}, '"stale"', clock)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.incidents.get('p3', other.record.id))?.record.end).toBeNull();
  });

  it('ends planned maintenance under way early, and refuses one not yet started', async () => {
    const underWay = await createIncident(
      stores,
      serviceDesk,
      newIncident({ kind: 'planned-maintenance', start: minutesAgo(20), end: minutesAhead(40) }),
      clock,
    );
    expect(underWay.record.resolvedBy).toBeNull();
    const done = await resolveIncident(stores, serviceDesk, underWay.record.id, {}, undefined, clock);
    expect(done.record).toMatchObject({ end: NOW.toISOString(), resolvedBy: { partnerCode: 'HDC' } });

    const ahead = await createIncident(
      stores,
      serviceDesk,
      newIncident({ kind: 'planned-maintenance', start: minutesAhead(60), end: minutesAhead(120) }),
      clock,
    );
    await expect(resolveIncident(stores, serviceDesk, ahead.record.id, {}, undefined, clock)).rejects.toMatchObject({
      problems: [{ path: 'end', message: expect.stringContaining('not started yet') }],
    });
  });
});
