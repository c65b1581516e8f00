import { beforeEach, describe, expect, it } from 'vitest';
import { incidentListQuery } from '../../../shared/schemas/incidents';
import { createIncident } from '../../../shared/status/create-incident';
import { getIncident } from '../../../shared/status/get-incident';
import { listIncidents } from '../../../shared/status/list-incidents';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf } from '../../support/memory-partnership';
import {
  clock,
  minutesAgo,
  minutesAhead,
  newIncident,
  outsider,
  serviceDesk,
  staffOf,
  statusStores,
} from './status-fixtures';

const DAY = 24 * 60;

describe('listIncidents and getIncident', () => {
  let stores: Stores;
  const ids: Record<string, string> = {};
  const list = async (query: Record<string, unknown> = {}, caller = staffOf('SCDC')) =>
    listIncidents(stores, caller, incidentListQuery.parse(query), clock);
  const titles = async (query: Record<string, unknown> = {}) => (await list(query)).items.map((i) => i.title);

  beforeEach(async () => {
    stores = await statusStores();
    const add = async (name: string, fields: Record<string, unknown>) => {
      ids[name] = (await createIncident(stores, serviceDesk, newIncident({ title: name, ...fields }), clock)).record.id;
    };
    await add('open HDC phones', { start: minutesAgo(30) });
    await add('open CCC email', { areas: ['email'], councils: ['CCC'], start: minutesAgo(10), severity: 'degraded' });
    await add('ended last week', { councils: ['SCDC'], start: minutesAgo(7 * DAY), end: minutesAgo(7 * DAY - 60) });
    await add('ended last month', {
      areas: ['server-infrastructure'],
      start: minutesAgo(40 * DAY),
      end: minutesAgo(40 * DAY - 90),
    });
    await add('maintenance tomorrow', {
      kind: 'planned-maintenance',
      councils: ['CCC', 'HDC', 'SCDC'],
      start: minutesAhead(DAY),
      end: minutesAhead(DAY + 60),
    });
    await add('maintenance in two days', {
      kind: 'planned-maintenance',
      start: minutesAhead(2 * DAY),
      end: minutesAhead(2 * DAY + 60),
    });
  });

  it('lists every council of the partnership to any member of staff, newest start first', async () => {
    expect(await titles()).toEqual([
      'maintenance in two days',
      'maintenance tomorrow',
      'open CCC email',
      'open HDC phones',
      'ended last week',
      'ended last month',
    ]);
  });

  it('filters by state: open (under way), planned (soonest first), history (ended)', async () => {
    expect(await titles({ state: 'open' })).toEqual(['open CCC email', 'open HDC phones']);
    expect(await titles({ state: 'planned' })).toEqual(['maintenance tomorrow', 'maintenance in two days']);
    expect(await titles({ state: 'history' })).toEqual(['ended last week', 'ended last month']);
  });

  it('filters by area, council and kind', async () => {
    expect(await titles({ area: 'email' })).toEqual(['open CCC email']);
    expect(await titles({ council: 'SCDC' })).toEqual(['maintenance tomorrow', 'ended last week']);
    expect(await titles({ kind: 'planned-maintenance', council: 'HDC' })).toEqual([
      'maintenance in two days',
      'maintenance tomorrow',
    ]);
  });

  it('filters by a date range the incident overlaps; a date-only to includes its whole day', async () => {
    const lastWeekDay = minutesAgo(7 * DAY).slice(0, 10);
    expect(await titles({ from: lastWeekDay, to: lastWeekDay })).toEqual(['ended last week']);
    expect(await titles({ from: minutesAgo(15), to: minutesAgo(5) })).toEqual(['open CCC email', 'open HDC phones']);
    expect(await titles({ state: 'history', from: minutesAgo(8 * DAY) })).toEqual(['ended last week']);
    await expect(list({ from: minutesAgo(5), to: minutesAgo(15) })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('pages with a continuation token until the last page', async () => {
    const first = await list({ pageSize: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.continuationToken).toBe('4');
    const second = await list({ pageSize: 4, continuationToken: first.continuationToken });
    expect(second.items.map((i) => i.title)).toEqual(['ended last week', 'ended last month']);
    expect(second.continuationToken).toBeNull();
  });

  it('refuses a bad query through the schema', () => {
    for (const query of [{ state: 'closed' }, { area: 'Email' }, { pageSize: '500' }, { council: 'hdc' }, { x: 1 }]) {
      expect(incidentListQuery.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });

  it('shows another partnership none of them', async () => {
    expect((await list({}, outsider)).items).toEqual([]);
    await expect(getIncident(stores, outsider, ids['open HDC phones'] as string)).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('gets one incident with its ETag, for any member of staff', async () => {
    const found = await getIncident(stores, callerOf('CCC', ['staff']), ids['open HDC phones'] as string);
    expect(found.record.title).toBe('open HDC phones');
    expect(found.etag).toBe((await stores.incidents.get('p3', found.record.id))?.etag);
    await expect(getIncident(stores, staffOf('CCC'), 'inc-missing')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
