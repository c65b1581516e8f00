import { beforeEach, describe, expect, it } from 'vitest';
import { createIncident } from '../../../shared/status/create-incident';
import { updateIncident } from '../../../shared/status/update-incident';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import {
  auditActions,
  clock,
  minutesAgo,
  minutesAhead,
  NOW,
  newIncident,
  outsider,
  serviceDesk,
  staffOf,
  statusStores,
} from './status-fixtures';

describe('updateIncident', () => {
  let stores: Stores;
  let id: string;
  let etag: string;
  beforeEach(async () => {
    stores = await statusStores();
    const created = await createIncident(stores, serviceDesk, newIncident({ services: ['svc-telephony-management'] }));
    id = created.record.id;
    etag = created.etag;
  });

  it('applies the changes with the current ETag, returns a new one, and audits the write', async () => {
    const updated = await updateIncident(
      stores,
      serviceDesk,
      id,
      { severity: 'degraded', councils: ['HDC', 'SCDC'], cause: { kind: 'internal' } },
      etag,
      clock,
    );
    expect(updated.etag).not.toBe(etag);
    expect(updated.record).toMatchObject({
      severity: 'degraded',
      councils: ['HDC', 'SCDC'],
      cause: { kind: 'internal' },
      updatedAt: NOW.toISOString(),
      end: null,
    });
    expect((await stores.incidents.get('p3', id))?.etag).toBe(updated.etag);
    const audit = (await stores.audit.listAll('p3')).map((e) => e.record);
    expect(audit.map((e) => e.action)).toEqual(['incident.create', 'incident.update']);
    expect(audit[1]).toMatchObject({ etagBefore: etag, etagAfter: updated.etag, target: { kind: 'incidents', id } });
  });

  it('needs an If-Match (428) and refuses a stale one (412), keeping the newer change', async () => {
    await expect(updateIncident(stores, serviceDesk, id, { title: 'x' }, undefined, clock)).rejects.toMatchObject({
      kind: 'precondition-required',
    });
    await updateIncident(stores, serviceDesk, id, { title: 'Newer title' }, etag, clock);
    await expect(updateIncident(stores, serviceDesk, id, { title: 'Older' }, etag, clock)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.incidents.get('p3', id))?.record.title).toBe('Newer title');
  });

  it('refuses staff (403) and changes nothing', async () => {
    await expect(
      updateIncident(stores, staffOf('HDC', ['staff', 'bid-approver']), id, { title: 'x' }, etag, clock),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await stores.incidents.get('p3', id))?.etag).toBe(etag);
    expect(await auditActions(stores)).toEqual(['incident.create']);
  });

  it("cannot reach another partnership's incident", async () => {
    await stores.partnerships.create({
      id: 'other',
      partnershipId: 'other',
      name: 'Other',
      sharedServiceName: 'Other IT',
      partners: [
        { code: 'PCC', name: 'P', shortName: 'P', tenantId: '00000000-0000-4000-8000-00000000000a' },
        { code: 'CCC', name: 'C', shortName: 'C', tenantId: '00000000-0000-4000-8000-00000000000b' },
      ],
      sequence: 0,
    });
    await expect(updateIncident(stores, outsider, id, { title: 'x' }, etag, clock)).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('keeps services under the areas: narrowing the areas away from a service is refused', async () => {
    await expect(updateIncident(stores, serviceDesk, id, { areas: ['email'] }, etag, clock)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'services' }],
    });
    const moved = await updateIncident(
      stores,
      serviceDesk,
      id,
      { areas: ['email'], services: ['Email Support & Web Filtering'] },
      etag,
      clock,
    );
    expect(moved.record).toMatchObject({ areas: ['email'], services: ['svc-email-support-web-filtering'] });
  });

  it('resolves when an end is given and reopens when it is cleared; refuses an end before the start', async () => {
    await expect(updateIncident(stores, serviceDesk, id, { end: minutesAgo(60) }, etag, clock)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [{ path: 'end' }],
    });
    await expect(updateIncident(stores, serviceDesk, id, { end: minutesAhead(60) }, etag, clock)).rejects.toMatchObject(
      { kind: 'invalid-input' },
    );
    const ended = await updateIncident(
      stores,
      callerOf('CCC', ['service-desk']),
      id,
      { end: minutesAgo(5) },
      etag,
      clock,
    );
    expect(ended.record).toMatchObject({ end: minutesAgo(5), resolvedBy: { partnerCode: 'CCC' } });
    const reopened = await updateIncident(stores, serviceDesk, id, { end: null }, ended.etag, clock);
    expect(reopened.record).toMatchObject({ end: null, resolvedAt: null, resolvedBy: null });
  });

  it('changes the sequence with the start, so lists keep the order of starts', async () => {
    const updated = await updateIncident(stores, serviceDesk, id, { start: minutesAgo(90) }, etag, clock);
    expect(updated.record.sequence).toBe(Date.parse(minutesAgo(90)));
  });
});
