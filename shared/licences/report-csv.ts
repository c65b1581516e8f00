import { stringify } from 'csv-stringify/sync';
import type { Finding } from './find-waste';

const HEADER = [
  'Finding',
  'Type',
  'Councils',
  'Accounts',
  'Licences counted',
  'Annual cost (GBP)',
  'Confidence',
  'Reasons',
  'Recommended action',
];

/**
 * The findings as a CSV that opens cleanly in Excel. Names and addresses come from the councils' directories,
 * so a cell that starts like a formula is prefixed with an apostrophe and never runs as one.
 */
export function findingsCsv(findings: readonly Finding[]): string {
  const rows = findings.map((finding) => [
    finding.id,
    finding.type,
    finding.partnerCodes.join(' '),
    finding.accounts.map((a) => `${a.partnerCode}: ${a.userPrincipalName} (${a.skuPartNumbers.join(', ')})`).join('; '),
    finding.skuPartNumbers.join(', '),
    (finding.annualCostPence / 100).toFixed(2),
    finding.confidence ?? '',
    finding.reasons.join('; '),
    finding.recommendedAction,
  ]);
  return stringify(
    [HEADER, ...rows].map((row) => row.map(defuseFormula)),
    { bom: true, record_delimiter: 'windows' },
  );
}

const defuseFormula = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
