import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverReport } from '../../../shared/licences/deliver-report';
import type { Finding } from '../../../shared/licences/find-waste';
import type { DeltaScan, FullScan, OutgoingMail, SeatDirectory } from '../../../shared/licences/gateways';
import { type LicenceSettings, licenceSettings, type TenantConnection } from '../../../shared/schemas/licences';
import { createMemoryStores } from '../../../shared/stores/memory/memory-stores';
import type { Stores } from '../../../shared/stores/stores';
import { finding, licenceRun, tenantOf } from './licence-fixtures';

type SentMail = { partnerCode: string; tenantId: string; from: string; mail: OutgoingMail };

/** Directories that only send mail: each mail recorded with the tenant it went through, or refused for a council. */
class FakeMailDirectories {
  readonly sent: SentMail[] = [];
  readonly failFor = new Map<string, Error>();

  directoryFor = (connection: TenantConnection): SeatDirectory => ({
    partnerCode: connection.partnerCode,
    tenantId: connection.tenantId,
    fullScan: async (): Promise<FullScan> => {
      throw new Error('not used');
    },
    deltaScan: async (): Promise<DeltaScan> => {
      throw new Error('not used');
    },
    readSignIns: async () => {
      throw new Error('not used');
    },
    sendMail: async (from, mail) => {
      const failure = this.failFor.get(connection.partnerCode);
      if (failure) throw failure;
      this.sent.push({ partnerCode: connection.partnerCode, tenantId: connection.tenantId, from, mail });
    },
  });
}

const connection = (partnerCode: string, mail: { reportSender?: string; reportRecipients?: string[] }) => ({
  partnerCode,
  tenantId: tenantOf(partnerCode),
  clientId: '11111111-2222-4333-8444-555555555555',
  credential: { kind: 'secret', setting: `GRAPH_SECRET_${partnerCode}` },
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: 'https://graph.microsoft.com',
  ...mail,
});

const everyoneSetUp = () => [
  connection('CCC', { reportSender: 'licences@ccc.example', reportRecipients: ['a@ccc.example', 'b@ccc.example'] }),
  connection('HDC', { reportSender: 'licences@hdc.example', reportRecipients: ['c@hdc.example'] }),
  connection('SCDC', { reportSender: 'licences@scdc.example', reportRecipients: ['d@scdc.example'] }),
];

const RUN = licenceRun(22);
const SCRIPT_NAME = '<script>alert("x")</script>';

/** A cross-tenant finding (CCC's seat goes), one of HDC's own, and one of SCDC's with a hostile display name. */
const findings: Finding[] = [
  finding('dup-ccc-hdc', ['HDC', 'CCC'], 'duplicate-seat', 39_600),
  finding('leaver-hdc', ['HDC'], 'leaver-licensed', 8_040),
  {
    ...finding('inactive-scdc', ['SCDC'], 'inactive-licensed', 80_400),
    recommendedAction: `Ask whether ${SCRIPT_NAME} still needs a seat; remove it if not.`,
  },
];

const upnsOf = (f: Finding) => f.accounts.map((a) => a.userPrincipalName);
const csvIds = (csv: string) => (parse(csv, { bom: true }) as string[][]).slice(1).map((row) => row[0]);

describe('deliverReport', () => {
  let stores: Stores;
  let mail: FakeMailDirectories;
  const log: string[] = [];
  const deps = () => ({ stores, directoryFor: mail.directoryFor, log: (line: string) => log.push(line) });

  async function configure(tenants: ReturnType<typeof connection>[]) {
    const settings: LicenceSettings = licenceSettings.parse({ tenants });
    await stores.licenceSettings.create({ id: 'settings', partnershipId: 'p3', sequence: 0, settings });
  }

  beforeEach(async () => {
    stores = createMemoryStores();
    mail = new FakeMailDirectories();
    log.length = 0;
    await stores.licenceRuns.create(RUN);
    await stores.licenceFindings.saveAll('p3', RUN.id, findings);
  });

  it('sends each council one mail, from its own sender and tenant, to its own administrators', async () => {
    await configure(everyoneSetUp());

    const delivery = await deliverReport(deps(), RUN);

    expect(delivery).toEqual([
      { partnerCode: 'CCC', recipients: 2, error: null },
      { partnerCode: 'HDC', recipients: 1, error: null },
      { partnerCode: 'SCDC', recipients: 1, error: null },
    ]);
    expect(mail.sent.map((m) => [m.partnerCode, m.tenantId, m.from, m.mail.to])).toEqual([
      ['CCC', tenantOf('CCC'), 'licences@ccc.example', ['a@ccc.example', 'b@ccc.example']],
      ['HDC', tenantOf('HDC'), 'licences@hdc.example', ['c@hdc.example']],
      ['SCDC', tenantOf('SCDC'), 'licences@scdc.example', ['d@scdc.example']],
    ]);
    expect(log.filter((line) => line.includes('report sent'))).toHaveLength(3);
  });

  it('puts only the findings that involve the council in its mail and CSV, with its own share of the cost', async () => {
    await configure(everyoneSetUp());
    await deliverReport(deps(), RUN);
    const [city, hunts, south] = mail.sent.map((m) => m.mail) as [OutgoingMail, OutgoingMail, OutgoingMail];
    const [duplicate, leaver, inactive] = findings as [Finding, Finding, Finding];

    // The duplicate involves CCC and HDC; its cost is CCC's to save (costByPartner), so HDC's share is only its leaver.
    expect(city.subject).toBe('Licence reconciliation for CCC: £396.00 a year to recover');
    expect(hunts.subject).toBe('Licence reconciliation for HDC: £80.40 a year to recover');
    expect(south.subject).toBe('Licence reconciliation for SCDC: £804.00 a year to recover');

    for (const upn of upnsOf(duplicate)) expect(city.html).toContain(upn);
    for (const upn of [...upnsOf(leaver), ...upnsOf(inactive)]) expect(city.html).not.toContain(upn);
    for (const upn of [...upnsOf(duplicate), ...upnsOf(leaver)]) expect(hunts.html).toContain(upn);
    for (const upn of upnsOf(inactive)) expect(hunts.html).not.toContain(upn);
    for (const upn of [...upnsOf(duplicate), ...upnsOf(leaver)]) expect(south.html).not.toContain(upn);
    expect(city.html).toContain('found 1 findings involving CCC');
    expect(hunts.html).toContain('found 2 findings involving HDC');

    expect(city.attachments).toEqual([
      { name: `licence-report-CCC-${RUN.id}.csv`, contentType: 'text/csv', content: expect.any(String) },
    ]);
    expect(csvIds(city.attachments?.[0]?.content ?? '')).toEqual(['dup-ccc-hdc']);
    expect(csvIds(hunts.attachments?.[0]?.content ?? '')).toEqual(['dup-ccc-hdc', 'leaver-hdc']);
    expect(csvIds(south.attachments?.[0]?.content ?? '')).toEqual(['inactive-scdc']);
  });

  it('escapes names from the directory in the mail’s HTML', async () => {
    await configure(everyoneSetUp());
    await deliverReport(deps(), RUN);
    const south = mail.sent.find((m) => m.partnerCode === 'SCDC')?.mail.html ?? '';
    expect(south).toContain('Ask whether &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; still needs a seat');
    expect(south).not.toContain('<script');
  });

  it('records a council without a sender or recipients as not sent, and still sends the others', async () => {
    await configure([
      connection('CCC', { reportRecipients: ['a@ccc.example'] }),
      connection('HDC', { reportSender: 'licences@hdc.example' }),
      connection('SCDC', { reportSender: 'licences@scdc.example', reportRecipients: ['d@scdc.example'] }),
    ]);

    const delivery = await deliverReport(deps(), RUN);

    expect(delivery).toEqual([
      { partnerCode: 'CCC', recipients: 0, error: expect.stringMatching(/No report sender or recipients/) },
      { partnerCode: 'HDC', recipients: 0, error: expect.stringMatching(/No report sender or recipients/) },
      { partnerCode: 'SCDC', recipients: 1, error: null },
    ]);
    expect(mail.sent.map((m) => m.partnerCode)).toEqual(['SCDC']);
  });

  it('records a council whose mail fails, and still sends the others', async () => {
    await configure(everyoneSetUp());
    mail.failFor.set('CCC', new Error('Graph answered 403: the app may not send as licences@ccc.example'));

    const delivery = await deliverReport(deps(), RUN);

    expect(delivery).toEqual([
      { partnerCode: 'CCC', recipients: 0, error: 'Graph answered 403: the app may not send as licences@ccc.example' },
      { partnerCode: 'HDC', recipients: 1, error: null },
      { partnerCode: 'SCDC', recipients: 1, error: null },
    ]);
    expect(mail.sent.map((m) => m.partnerCode)).toEqual(['HDC', 'SCDC']);
    expect(log.some((line) => line.includes('report to CCC not sent') && line.includes('403'))).toBe(true);
  });

  it('sends nothing when the partnership has no reconciler settings', async () => {
    expect(await deliverReport(deps(), RUN)).toEqual([]);
    expect(mail.sent).toEqual([]);
  });
});
