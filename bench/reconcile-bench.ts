import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext, rootCertificates } from 'node:tls';
import { parseArgs } from 'node:util';
import { Agent, setGlobalDispatcher } from 'undici';
import { ensureLocalCertificates } from '../local/stack/local-certificates';
import { LOCAL_STATE_FOLDER } from '../local/stack/local-stack';
import { licencePriceList, tenantConnection } from '../shared/schemas/licences';
import { peakRss } from './peak-rss';
import { type Reading, reconcileOnce } from './reconcile-once';
import { type BenchTarget, checkTargets } from './reconcile-targets';
import { type SimulatedTenants, startSimulatedTenants } from './simulated-tenants-client';
import type { ChangeAnswer, CpuAnswer } from './simulated-tenants-protocol';

const SETTING = 'BENCH_RECONCILER_SECRET';
const PAGE = 999;
const PRICES = join(__dirname, '..', 'local', 'demo-data', 'licences', 'prices.json');
const log = (line: string) => console.error(line);
const pages = (users: number) => Math.ceil(users / PAGE);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * `npm run bench -- reconcile`: the licence reconciler's real read path (msal-node, the Graph client over HTTPS,
 * `readTenantSeats`, `assessSeats`) against three simulated councils of 50,000 users whose Graph takes 100 ms per
 * page. The simulators run in a child process, so memory and CPU here are the reconciler's. A full scan of all
 * three at once, then a delta after 1% of each directory changed. Prints figures beside their targets, and the
 * figures as one JSON line last.
 */
export async function reconcileBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '50000' },
      'page-delay-ms': { type: 'string', default: '100' },
      'change-percent': { type: 'string', default: '1' },
      'compute-on-demand': { type: 'boolean', default: false },
    },
  });
  const pageDelayMs = Number(values['page-delay-ms']);
  const childArgs = ['--users', String(values.users), '--page-delay-ms', String(pageDelayMs)];
  if (values['compute-on-demand']) childArgs.push('--compute-on-demand');
  log(`Starting the simulated tenants (${values.users} users each, ${pageDelayMs} ms per page) in a child process…`);
  const simulated = await startSimulatedTenants(childArgs);
  try {
    await run(simulated, pageDelayMs, Number(values['change-percent']));
  } finally {
    await simulated.stop();
  }
}

async function run(simulated: SimulatedTenants, pageDelayMs: number, changePercent: number): Promise<void> {
  trustSimulators((await ensureLocalCertificates(join(LOCAL_STATE_FOLDER, 'ca'))).ca);
  const prices = licencePriceList.parse(JSON.parse(readFileSync(PRICES, 'utf8')));
  const connections = simulated.tenants.map((tenant) =>
    tenantConnection.parse({
      partnerCode: tenant.partnerCode,
      tenantId: tenant.tenantId,
      clientId: simulated.clientId,
      credential: { kind: 'secret', setting: SETTING },
      authorityHost: simulated.authorityHost,
      graphBaseUrl: simulated.graphBaseUrl,
    }),
  );
  const env = { [SETTING]: simulated.secret };
  const users = simulated.tenants.map((tenant) => tenant.users);
  const simulatorCpu = async () => (await simulated.send<CpuAnswer>({ cmd: 'cpu' })).cpuMs;
  const memory = peakRss(25);

  log(`Full scan of ${connections.length} tenants (${users.join(', ')} users), no sign-in pass…`);
  log(`  RSS before the reads ${memory.peakMb().toFixed(0)} MB`);
  let cpuBefore = await simulatorCpu();
  const full = await reconcileOnce(connections, env, prices, () => null, log);
  const fullPeakMb = memory.peakMb();
  describe(full, await simulatorCpu(), cpuBefore, (i) => `${full.seats[i]?.usersRead} licensed users read`);
  log(`  peak RSS ${fullPeakMb.toFixed(0)} MB`);

  const change = await simulated.send<ChangeAnswer>({ cmd: 'change', percent: changePercent });
  log(`Changed ${change.changed} users (${change.byTenant.join(', ')}); delta scan from the full scan's links…`);
  cpuBefore = await simulatorCpu();
  const delta = await reconcileOnce(connections, env, prices, (i) => full.seats[i] ?? null, log);
  describe(delta, await simulatorCpu(), cpuBefore, (i) => {
    const seats = delta.seats[i];
    return `${seats?.scan} scan, ${seats?.usersRead} changed users read (${change.byTenant[i]} changed)`;
  });
  log(`  peak RSS over the full scan and the delta ${memory.stop().toFixed(0)} MB`);

  const tenants = connections.length;
  const floorRequests = sum(users.map(pages));
  const boundMs = Math.max(...users.map(pages)) * pageDelayMs;
  const changePages = sum(change.byTenant.map(pages));
  const figures = {
    tenants,
    users: sum(users),
    requests: sum(full.requests),
    floorRequests,
    wallMs: Math.round(full.wallMs),
    boundMs,
    peakRssMb: Math.round(fullPeakMb),
    findings: full.findings,
    delta: {
      changedUsers: change.changed,
      requests: sum(delta.requests),
      changePages,
      wallMs: Math.round(delta.wallMs),
    },
  };
  const targets: BenchTarget[] = [
    { name: 'requests', value: figures.requests, limit: floorRequests + 2 * tenants, rule: 'floorRequests + 2/tenant' },
    { name: 'wallMs', value: figures.wallMs, limit: Math.round(1.15 * boundMs), rule: '1.15 × boundMs' },
    { name: 'peakRssMb', value: figures.peakRssMb, limit: 350, rule: '350 MB, full scan' },
    {
      name: 'delta.requests',
      value: figures.delta.requests,
      limit: changePages + tenants,
      rule: 'changePages + 1/tenant',
    },
  ];
  checkTargets(targets, log);
  console.log(JSON.stringify(figures));
}

/** Per tenant and in all: what was read, in how many requests, and where the time and CPU went. */
function describe(reading: Reading, simulatorCpuMs: number, simulatorCpuBefore: number, what: (i: number) => string) {
  reading.seats.forEach((tenant, i) => {
    log(`  ${tenant.partnerCode}: ${what(i)}, ${tenant.accounts.length} seats, ${reading.requests[i]} Graph requests`);
  });
  const requests = sum(reading.requests);
  const simulatorMs = simulatorCpuMs - simulatorCpuBefore;
  log(
    `  ${reading.findings} findings in ${reading.wallMs.toFixed(0)} ms: reads ${reading.readMs.toFixed(0)} ms ` +
      `(reconciler CPU ${reading.readCpuMs.toFixed(0)} ms, ${(reading.readCpuMs / requests).toFixed(1)} ms a request; ` +
      `simulators ${simulatorMs.toFixed(0)} ms, ${(simulatorMs / requests).toFixed(1)} ms a request), ` +
      `assessSeats ${(reading.wallMs - reading.readMs).toFixed(0)} ms (CPU ${(reading.cpuMs - reading.readCpuMs).toFixed(0)} ms)`,
  );
}

/**
 * Trusts the local CA with one TLS context for every connection. `trustLocalCertificateAuthority` builds the
 * context from ~150 root certificates on each new connection (about 30 ms of CPU each); in Azure the default
 * context is built once, so this keeps that cost out of the figures.
 */
function trustSimulators(caPem: string): void {
  const secureContext = createSecureContext({ ca: [...rootCertificates, caPem] });
  setGlobalDispatcher(new Agent({ connect: { secureContext } }));
}
