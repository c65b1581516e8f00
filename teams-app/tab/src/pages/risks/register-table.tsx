import { Badge } from '@fluentui/react-components';
import { hrefOf } from '../../routes';
import { DataTable } from '../plan/data-table';
import { TextLink } from '../status/status-parts';
import { LEVEL_COLOURS, registerStanding, STATUS_LABELS, scoreText } from './risk-format';
import type { RiskRegister } from './risk-types';

/**
 * The register as Appendix A prints it (council, category, risk, mitigation, recommendation, probability,
 * impact), with each risk's score and level and where its toleration stands; each risk opens its own page.
 */
export function RegisterTable({ register, councilName }: { register: RiskRegister; councilName: string }) {
  return (
    <DataTable
      caption={`Risk register, ${councilName}: ${register.risks.length} risks`}
      filename={`risk-register${register.council ? `-${register.council}` : ''}.csv`}
      empty={`There are no risks in the register of ${councilName}.`}
      columns={[
        { label: 'Council' },
        { label: 'Category' },
        { label: 'Risk' },
        { label: 'Mitigation' },
        { label: 'Recommendation' },
        { label: 'Probability' },
        { label: 'Impact' },
        { label: 'Score' },
        { label: 'Toleration' },
      ]}
      csvHeader={[
        'Council',
        'Category',
        'Risk',
        'Mitigation',
        'Recommendation',
        'Probability',
        'Impact',
        'Score',
        'Level',
        'Toleration',
        'Pending councils',
        'Expires',
      ]}
      rows={register.risks.map((entry) => ({
        key: entry.id,
        cells: [
          entry.councilLabel,
          <TextLink key="open" href={hrefOf({ page: 'risks', riskId: entry.id })}>
            {entry.category}
          </TextLink>,
          entry.risk,
          entry.mitigation,
          entry.recommendation,
          entry.probability ?? 'Not rated',
          entry.impact ?? 'Not rated',
          <Badge key="level" appearance="tint" color={LEVEL_COLOURS[entry.level]} style={{ whiteSpace: 'nowrap' }}>
            {scoreText(entry.score, entry.level)}
          </Badge>,
          registerStanding(entry),
        ],
        csv: [
          entry.councilLabel,
          entry.category,
          entry.risk,
          entry.mitigation,
          entry.recommendation,
          entry.probability,
          entry.impact,
          entry.score,
          entry.level,
          STATUS_LABELS[entry.toleration.status],
          entry.toleration.pendingCouncils.join(' '),
          entry.toleration.expiresAt?.slice(0, 10) ?? null,
        ],
      }))}
    />
  );
}
