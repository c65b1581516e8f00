import { formatPounds } from '../cards/licence-summary-card';
import type { Stored } from '../stores/record-store';
import type { Finding } from './find-waste';
import type { LicenceRun } from './licence-run';
import type { ReconcilerDeps } from './reconciler-deps';
import { findingsCsv } from './report-csv';

/**
 * Emails each council's licence administrators their part of a run's report: the council's own findings and the
 * cross-tenant ones that involve it, never another council's, with the CSV attached. Mail goes through Graph from
 * a mailbox of the council's own tenant. A council whose mail fails is recorded; the others still get theirs.
 */
export async function deliverReport(
  deps: Pick<ReconcilerDeps, 'stores' | 'directoryFor' | 'log'>,
  run: Stored<LicenceRun>,
): Promise<LicenceRun['delivery']> {
  const settings = await deps.stores.licenceSettings.get(run.partnershipId, 'settings');
  const delivery: LicenceRun['delivery'] = [];
  for (const connection of settings?.record.settings.tenants ?? []) {
    const { partnerCode, reportSender, reportRecipients } = connection;
    if (!reportSender || reportRecipients.length === 0) {
      delivery.push({ partnerCode, recipients: 0, error: 'No report sender or recipients are set for this council.' });
      continue;
    }
    try {
      const findings = await deps.stores.licenceFindings.list(run.partnershipId, run.id, { partnerCode });
      await deps.directoryFor(connection).sendMail(reportSender, {
        to: reportRecipients,
        subject: `Licence reconciliation for ${partnerCode}: ${formatPounds(costFor(findings, partnerCode))} a year to recover`,
        html: reportHtml(run, partnerCode, findings),
        attachments: [
          {
            name: `licence-report-${partnerCode}-${run.id}.csv`,
            contentType: 'text/csv',
            content: findingsCsv(findings),
          },
        ],
      });
      delivery.push({ partnerCode, recipients: reportRecipients.length, error: null });
      deps.log(`[${run.id}] report sent to ${reportRecipients.length} administrators of ${partnerCode}`);
    } catch (error) {
      delivery.push({ partnerCode, recipients: 0, error: error instanceof Error ? error.message : String(error) });
      deps.log(`[${run.id}] report to ${partnerCode} not sent: ${String(error)}`);
    }
  }
  return delivery;
}

const costFor = (findings: readonly Finding[], partnerCode: string) =>
  findings.reduce((sum, finding) => sum + (finding.costByPartner[partnerCode] ?? 0), 0);

function reportHtml(run: LicenceRun, partnerCode: string, findings: readonly Finding[]): string {
  const rows = findings
    .map(
      (f) =>
        `<tr><td>${htmlEscape(f.type)}</td><td>${htmlEscape(f.accounts.map((a) => `${a.partnerCode}: ${a.userPrincipalName}`).join(', '))}</td><td>${htmlEscape(f.skuPartNumbers.join(', '))}</td><td style="text-align:right">${htmlEscape(formatPounds(f.costByPartner[partnerCode] ?? 0))}</td><td>${htmlEscape(f.recommendedAction)}</td></tr>`,
    )
    .join('');
  return `<p>The licence reconciliation of ${htmlEscape(run.finishedAt ?? run.startedAt)} found ${findings.length} findings involving ${htmlEscape(partnerCode)}, worth ${htmlEscape(formatPounds(costFor(findings, partnerCode)))} a year to ${htmlEscape(partnerCode)}.</p>
<table border="1" cellpadding="4" cellspacing="0"><thead><tr><th>Finding</th><th>Accounts</th><th>Licences</th><th>Annual cost to ${htmlEscape(partnerCode)}</th><th>Recommended action</th></tr></thead><tbody>${rows}</tbody></table>
<p>The CSV is attached. Confirm or reject candidate matches, and add exclusions, from the Licences page of the ICT Partnership Hub tab.</p>`;
}

const htmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
