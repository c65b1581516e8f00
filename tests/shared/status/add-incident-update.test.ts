import { beforeEach, describe, expect, it } from 'vitest';
import { addIncidentUpdate } from '../../../shared/status/add-incident-update';
import { createIncident } from '../../../shared/status/create-incident';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import { auditActions, clock, NOW, newIncident, serviceDesk, staffOf, statusStores } from './status-fixtures';

describe('addIncidentUpdate', () => {
  let stores: Stores;
  let id: string;
  let etag: string;
  beforeEach(async () => {
    stores = await statusStores();
    const created = await createIncident(stores, serviceDesk, newIncident({ update: 'Investigating.' }), clock);
    id = created.record.id;
    etag = created.etag;
  });

  it('appends the update with its time and author, and audits it', async () => {
    const later = () => new Date(NOW.getTime() + 60_000);
    const result = await addIncidentUpdate(
      stores,
      callerOf('SCDC', ['service-desk']),
      id,
      { text: 'Engineer on site.' },
      undefined,
      later,
    );
    expect(result.record.updates).toEqual([
      { at: NOW.toISOString(), text: 'Investigating.', by: { name: 'User of HDC', partnerCode: 'HDC' } },
      { at: later().toISOString(), text: 'Engineer on site.', by: { name: 'User of SCDC', partnerCode: 'SCDC' } },
    ]);
    expect(result.record.updatedAt).toBe(later().toISOString());
    expect(await auditActions(stores)).toEqual(['incident.create', 'incident.add-update']);
  });

  it('keeps both of two updates posted at once without If-Match', async () => {
    await Promise.all([
      addIncidentUpdate(stores, serviceDesk, id, { text: 'First' }, undefined, clock),
      addIncidentUpdate(stores, serviceDesk, id, { text: 'Second' }, undefined, clock),
    ]);
    const texts = (await stores.incidents.get('p3', id))?.record.updates.map((u) => u.text);
    expect(texts?.sort()).toEqual(['First', 'Investigating.', 'Second']);
  });

  it('checks an If-Match when one is sent', async () => {
    await addIncidentUpdate(stores, serviceDesk, id, { text: 'First' }, etag, clock);
    await expect(addIncidentUpdate(stores, serviceDesk, id, { text: 'Stale' }, etag, clock)).rejects.toMatchObject({
      kind: 'precondition-failed',
    });
    expect((await stores.incidents.get('p3', id))?.record.updates).toHaveLength(2);
  });

  it('refuses staff (403) and unknown incidents (404)', async () => {
    await expect(addIncidentUpdate(stores, staffOf('HDC'), id, { text: 'x' }, undefined, clock)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(
      addIncidentUpdate(stores, serviceDesk, 'inc-missing', { text: 'x' }, undefined, clock),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect((await stores.incidents.get('p3', id))?.etag).toBe(etag);
  });
});
