import { beforeEach, describe, expect, it } from 'vitest';
import { incident } from '../../../shared/schemas/incidents';
import { createIncident } from '../../../shared/status/create-incident';
import type { Stores } from '../../../shared/stores/stores';
import {
  admin,
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

describe('createIncident', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await statusStores();
  });

  it('records an open incident with who and when, services as catalogue ids, and audits it', async () => {
    const created = await createIncident(
      stores,
      serviceDesk,
      newIncident({
        services: ['telephony management'],
        cause: { kind: 'third-party', supplier: 'Cambridgeshire County Council' },
        update: 'Calls to the contact centre fail.',
      }),
      clock,
    );
    const stored = await stores.incidents.get('p3', created.record.id);
    expect(stored?.etag).toBe(created.etag);
    expect(incident.parse(stored?.record)).toEqual(stored?.record);
    expect(stored?.record).toMatchObject({
      kind: 'incident',
      services: ['svc-telephony-management'],
      councils: ['HDC'],
      start: minutesAgo(30),
      end: null,
      cause: { kind: 'third-party', supplier: 'Cambridgeshire County Council' },
      createdBy: { name: 'User of HDC', partnerCode: 'HDC' },
      createdAt: NOW.toISOString(),
      resolvedAt: null,
      resolvedBy: null,
      updates: [{ at: NOW.toISOString(), text: 'Calls to the contact centre fail.', by: { partnerCode: 'HDC' } }],
      source: 'api',
      sequence: Date.parse(minutesAgo(30)),
    });
    expect(await auditActions(stores)).toEqual(['incident.create']);
  });

  it('starts an incident now when no start is given, and stores instants in UTC', async () => {
    const { record } = await createIncident(stores, serviceDesk, newIncident({ start: undefined }), clock);
    expect(record.start).toBe(NOW.toISOString());
    const bst = await createIncident(
      stores,
      serviceDesk,
      newIncident({ start: '2024-03-12T09:30:00+01:00', end: '2024-03-12T09:45:00+01:00' }),
      clock,
    );
    expect([bst.record.start, bst.record.end]).toEqual(['2024-03-12T08:30:00.000Z', '2024-03-12T08:45:00.000Z']);
    expect(bst.record.resolvedBy).toEqual({ name: 'User of HDC', partnerCode: 'HDC' });
  });

  it('lets a partnership administrator record incidents too', async () => {
    await expect(createIncident(stores, admin, newIncident(), clock)).resolves.toBeDefined();
  });

  it('refuses staff and approvers (403) and writes nothing', async () => {
    for (const caller of [staffOf('HDC'), staffOf('CCC', ['staff', 'risk-approver', 'licence-admin'])]) {
      await expect(createIncident(stores, caller, newIncident(), clock)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    expect(await stores.incidents.listAll('p3')).toEqual([]);
    expect(await auditActions(stores)).toEqual([]);
  });

  it('refuses a caller of another partnership (unknown partnership) and writes nothing there', async () => {
    await expect(createIncident(stores, outsider, newIncident(), clock)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    expect(await stores.incidents.listAll('other')).toEqual([]);
  });

  it('reports every problem at once: unknown council, service outside its areas, end before start', async () => {
    const attempt = createIncident(
      stores,
      serviceDesk,
      newIncident({
        councils: ['HDC', 'PCC'],
        services: ['Data Centre Management', 'No Such Service', 'Training'],
        end: minutesAgo(45),
      }),
      clock,
    );
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid-input' });
    const problems = (await attempt.catch((error) => error.problems)) as { path: string; message: string }[];
    expect(problems.map((p) => p.path).sort()).toEqual(['councils', 'end', 'services', 'services', 'services']);
    expect(problems.find((p) => p.path === 'councils')?.message).toContain('PCC is not a council of Three Councils');
    expect(problems.find((p) => p.path === 'end')?.message).toContain('before the start');
    expect(problems.map((p) => p.message).join('\n')).toContain('"Data Centre Management" counts under Centralised');
    expect(problems.map((p) => p.message).join('\n')).toContain('"Training" counts under no service area');
    expect(await stores.incidents.listAll('p3')).toEqual([]);
  });

  it('refuses an incident in the future, and planned maintenance without its window', async () => {
    await expect(
      createIncident(stores, serviceDesk, newIncident({ start: minutesAhead(60) }), clock),
    ).rejects.toMatchObject({ kind: 'invalid-input', problems: [{ path: 'start' }] });
    await expect(
      createIncident(stores, serviceDesk, newIncident({ kind: 'planned-maintenance', start: undefined }), clock),
    ).rejects.toMatchObject({ problems: [{ path: 'start' }] });
    await expect(
      createIncident(stores, serviceDesk, newIncident({ kind: 'planned-maintenance', start: minutesAhead(60) }), clock),
    ).rejects.toMatchObject({ problems: [{ path: 'end', message: expect.stringContaining('planned window') }] });
    expect(await stores.incidents.listAll('p3')).toEqual([]);
  });

  it('records planned maintenance ahead; its planned end is no resolution', async () => {
    const { record } = await createIncident(
      stores,
      serviceDesk,
      newIncident({ kind: 'planned-maintenance', start: minutesAhead(60), end: minutesAhead(120) }),
      clock,
    );
    expect(record).toMatchObject({ kind: 'planned-maintenance', end: minutesAhead(120), resolvedBy: null });
  });
});
