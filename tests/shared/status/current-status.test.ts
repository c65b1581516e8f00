import { beforeEach, describe, expect, it } from 'vitest';
import { createIncident } from '../../../shared/status/create-incident';
import { deriveStatus, getCurrentStatus } from '../../../shared/status/current-status';
import type { Stores } from '../../../shared/stores/stores';
import { threeCouncils } from '../../support/memory-partnership';
import {
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

const DAY = 24 * 60;

describe('current status', () => {
  let stores: Stores;
  const add = async (fields: Record<string, unknown>) =>
    (await createIncident(stores, serviceDesk, newIncident(fields), clock)).record;
  const status = () => getCurrentStatus(stores, staffOf('CCC'), clock);
  const areaLevels = async () => Object.fromEntries((await status()).areas.map((a) => [a.area, a.status]));
  const councilLevels = async () => Object.fromEntries((await status()).councils.map((c) => [c.code, c.status]));

  beforeEach(async () => {
    stores = await statusStores();
  });

  it('is operational everywhere with nothing under way', async () => {
    await add({ start: minutesAgo(120), end: minutesAgo(60) });
    const now = await status();
    expect(now.overall).toBe('operational');
    expect(now.at).toBe(NOW.toISOString());
    expect(await areaLevels()).toEqual({
      'network-telephony': 'operational',
      email: 'operational',
      'internet-web': 'operational',
      'server-infrastructure': 'operational',
    });
    expect(now.councils.map((c) => [c.code, c.name, c.status])).toEqual([
      ['CCC', 'Cambridge City Council', 'operational'],
      ['HDC', 'Huntingdonshire DC', 'operational'],
      ['SCDC', 'South Cambridgeshire DC', 'operational'],
    ]);
    expect(now.current).toEqual([]);
  });

  it('ranks outage over degraded over maintenance under way, per area and per council', async () => {
    const maintenance = await add({
      kind: 'planned-maintenance',
      areas: ['network-telephony', 'email'],
      councils: ['CCC', 'HDC', 'SCDC'],
      severity: 'outage',
      start: minutesAgo(5),
      end: minutesAhead(55),
    });
    expect(await areaLevels()).toMatchObject({ 'network-telephony': 'maintenance', email: 'maintenance' });
    const degraded = await add({ areas: ['email'], councils: ['CCC', 'HDC'], severity: 'degraded' });
    const outage = await add({ areas: ['email'], councils: ['HDC'], severity: 'outage', start: minutesAgo(2) });
    const now = await status();
    expect(await areaLevels()).toEqual({
      'network-telephony': 'maintenance',
      email: 'outage',
      'internet-web': 'operational',
      'server-infrastructure': 'operational',
    });
    expect(await councilLevels()).toEqual({ CCC: 'degraded', HDC: 'outage', SCDC: 'maintenance' });
    const ccc = now.councils.find((c) => c.code === 'CCC');
    expect(ccc?.areas).toEqual([
      { area: 'network-telephony', status: 'maintenance' },
      { area: 'email', status: 'degraded' },
      { area: 'internet-web', status: 'operational' },
      { area: 'server-infrastructure', status: 'operational' },
    ]);
    expect([...(ccc?.incidentIds ?? [])].sort()).toEqual([maintenance.id, degraded.id].sort());
    expect(now.overall).toBe('outage');
    expect(now.current.map((i) => i.id)).toEqual([outage.id, degraded.id, maintenance.id]);
    expect(now.areas.find((a) => a.area === 'email')?.incidentIds).toEqual([outage.id, degraded.id, maintenance.id]);
  });

  it('announces planned maintenance within seven days without changing any level before it starts', async () => {
    const soon = await add({
      kind: 'planned-maintenance',
      areas: ['server-infrastructure'],
      councils: ['SCDC'],
      start: minutesAhead(3 * DAY),
      end: minutesAhead(3 * DAY + 120),
    });
    await add({ kind: 'planned-maintenance', start: minutesAhead(8 * DAY), end: minutesAhead(8 * DAY + 60) });
    const now = await status();
    expect(now.overall).toBe('operational');
    expect(now.plannedSoon.map((i) => i.id)).toEqual([soon.id]);
    expect(now.plannedWorkHorizonDays).toBe(7);
    expect(now.areas.find((a) => a.area === 'server-infrastructure')?.plannedIds).toEqual([soon.id]);
    expect(now.councils.find((c) => c.code === 'SCDC')?.plannedIds).toEqual([soon.id]);
    expect(now.councils.find((c) => c.code === 'CCC')?.plannedIds).toEqual([]);
  });

  it('follows the clock: maintenance under way when its window starts, and over when it ends', async () => {
    const planned = await add({ kind: 'planned-maintenance', start: minutesAhead(60), end: minutesAhead(120) });
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    const level = (minutes: number) =>
      deriveStatus([planned], threeCouncils.partners, at(minutes)).areas.find((a) => a.area === 'network-telephony')
        ?.status;
    expect([level(59), level(60), level(119), level(120)]).toEqual([
      'operational',
      'maintenance',
      'maintenance',
      'operational',
    ]);
  });

  it("is another partnership's own: an outsider sees none of these incidents", async () => {
    await add({});
    await expect(getCurrentStatus(stores, outsider, clock)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await stores.partnerships.create({
      id: 'other',
      partnershipId: 'other',
      name: 'Other',
      sharedServiceName: 'Other IT',
      partners: [
        { code: 'PCC', name: 'Peterborough', shortName: 'P', tenantId: '00000000-0000-4000-8000-00000000000a' },
        { code: 'CCC', name: 'Cambridgeshire', shortName: 'C', tenantId: '00000000-0000-4000-8000-00000000000b' },
      ],
      sequence: 0,
    });
    const theirs = await getCurrentStatus(stores, outsider, clock);
    expect(theirs.overall).toBe('operational');
    expect(theirs.current).toEqual([]);
    expect(theirs.councils.map((c) => c.code)).toEqual(['PCC', 'CCC']);
  });
});
