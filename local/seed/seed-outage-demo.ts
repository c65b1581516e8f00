import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordWrites } from '../../shared/audit/audit-trail';
import type { Caller } from '../../shared/identity/caller';
import type { Incident } from '../../shared/schemas/incidents';
import { importIncidents } from '../../shared/status/import-incidents';
import { toStored } from '../../shared/status/incident-rules';
import { fromUkClock, ukClock } from '../../shared/status/uk-time';
import type { Stored } from '../../shared/stores/record-store';
import type { Stores } from '../../shared/stores/stores';

export const OUTAGE_DEMO_PARTNERSHIP = '3c-ict';
export const OUTAGE_DEMO_FILE = join(__dirname, '..', 'demo-data', 'outages', '2019-20-q2.csv');

const MINUTE = 60_000;

/**
 * The demo outage log of 3C ICT: the Q2 2019/20 events the business plan reports (loaded through the CSV import,
 * see local/demo-data/outages/README.md), and three recent ones placed relative to `now` so the status page has
 * something current: an incident open for the last 50 minutes, one resolved yesterday (10:40 to 12:05 UK time), and
 * planned maintenance five days ahead (18:00 to 20:00).
 * Idempotent: the import skips rows it holds already, and a recent one that exists is left as it is.
 */
export async function seedOutageDemo(
  stores: Pick<Stores, 'partnerships' | 'catalogue' | 'incidents' | 'audit'>,
  now: Date = new Date(),
): Promise<string> {
  const partnership = await stores.partnerships.get(OUTAGE_DEMO_PARTNERSHIP, OUTAGE_DEMO_PARTNERSHIP);
  if (!partnership) return `${OUTAGE_DEMO_PARTNERSHIP}: no such partnership, no outages seeded`;
  const host = partnership.record.partners.find((p) => p.code === partnership.record.hostPartnerCode);
  const seeder: Caller = {
    partnershipId: OUTAGE_DEMO_PARTNERSHIP,
    partnerCode: host?.code ?? 'HDC',
    roles: ['service-desk'],
    tenantId: host?.tenantId ?? '',
    userId: 'system:seed',
    name: 'Demo data seeder',
  };
  const counts = await importIncidents(stores, seeder, readFileSync(OUTAGE_DEMO_FILE, 'utf8'), () => now);

  let added = 0;
  for (const record of recentIncidents(seeder, now)) {
    if (await stores.incidents.get(OUTAGE_DEMO_PARTNERSHIP, record.id)) continue;
    const created = await stores.incidents.create(record);
    await recordWrites(stores.audit, seeder, 'incident.create', [
      { kind: 'incidents', id: record.id, etagBefore: null, etagAfter: created.etag },
    ]);
    added++;
  }
  return `${OUTAGE_DEMO_PARTNERSHIP}: Q2 2019/20 outage log ${counts.created} added, ${counts.unchanged} present; ${added} recent incidents added`;
}

/** The recent demo incidents, relative to `now`. */
export function recentIncidents(seeder: Caller, now: Date): Stored<Incident>[] {
  const by = { name: seeder.name, partnerCode: seeder.partnerCode };
  const at = (ms: number) => new Date(ms).toISOString();
  const base = {
    partnershipId: OUTAGE_DEMO_PARTNERSHIP,
    createdBy: by,
    source: 'api' as const,
  };
  const openStart = now.getTime() - 50 * MINUTE;
  const yesterdayStart = ukTimeOn(now, -1, 10, 40);
  const yesterdayEnd = yesterdayStart + 85 * MINUTE;
  const plannedStart = ukTimeOn(now, 5, 18, 0);
  const plannedEnd = plannedStart + 2 * 60 * MINUTE;
  return [
    toStored({
      ...base,
      id: 'demo-open-scdc-telephony',
      kind: 'incident',
      title: 'Intermittent telephony drop-outs at South Cambridgeshire Hall',
      areas: ['network-telephony'],
      services: ['svc-telephony-management'],
      councils: ['SCDC'],
      start: at(openStart),
      end: null,
      severity: 'degraded',
      cause: { kind: 'unknown' },
      updates: [
        { at: at(openStart + 10 * MINUTE), text: 'Investigating reports of calls dropping after a few minutes.', by },
        { at: at(openStart + 35 * MINUTE), text: 'Call manager logs show a failing trunk; engineer assigned.', by },
      ],
      createdAt: at(openStart + 10 * MINUTE),
      updatedAt: at(openStart + 35 * MINUTE),
      resolvedAt: null,
      resolvedBy: null,
    }),
    toStored({
      ...base,
      id: 'demo-resolved-ccc-web',
      kind: 'incident',
      title: 'Cambridge City web site slow',
      areas: ['internet-web'],
      services: ['svc-website-and-intranet-support-incl-web-apps-and-web-forms'],
      councils: ['CCC'],
      start: at(yesterdayStart),
      end: at(yesterdayEnd),
      severity: 'degraded',
      cause: { kind: 'third-party', supplier: 'Web hosting provider' },
      updates: [
        { at: at(yesterdayStart + 15 * MINUTE), text: 'Hosting provider confirms high load on the web farm.', by },
        { at: at(yesterdayEnd), text: 'Provider added capacity; pages load normally again.', by },
      ],
      createdAt: at(yesterdayStart + 15 * MINUTE),
      updatedAt: at(yesterdayEnd),
      resolvedAt: at(yesterdayEnd),
      resolvedBy: by,
    }),
    toStored({
      ...base,
      id: 'demo-planned-email-servers',
      kind: 'planned-maintenance',
      title: 'Security updates to email and file servers',
      areas: ['email', 'server-infrastructure'],
      services: ['svc-email-support-web-filtering', 'svc-data-centre-management'],
      councils: ['CCC', 'HDC', 'SCDC'],
      start: at(plannedStart),
      end: at(plannedEnd),
      severity: 'outage',
      cause: { kind: 'internal' },
      updates: [
        { at: at(now.getTime()), text: 'Email and shared drives will be unavailable while servers restart.', by },
      ],
      createdAt: at(now.getTime()),
      updatedAt: at(now.getTime()),
      resolvedAt: null,
      resolvedBy: null,
    }),
  ];
}

/** A UK wall-clock time on the day `days` after (or before) `now`'s UK date, in epoch ms. */
function ukTimeOn(now: Date, days: number, hour: number, minute: number): number {
  const today = ukClock(now);
  const day = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  const at = fromUkClock({
    year: day.getUTCFullYear(),
    month: day.getUTCMonth() + 1,
    day: day.getUTCDate(),
    hour,
    minute,
  });
  return (at ?? day).getTime();
}
