import { Badge } from '@fluentui/react-components';
import { RecordFacts } from '../../components/record-facts';
import { LEVEL_COLOURS, registerStanding, riskTitle, scoreText } from './risk-format';
import type { RegisterEntry } from './risk-types';

/** A risk as the register holds it now: councils, text, rating, score and where its toleration stands. */
export function RiskFacts({ entry, focusTitle }: { entry: RegisterEntry; focusTitle: boolean }) {
  return (
    <RecordFacts id="risk-title" title={riskTitle(entry)} focusTitle={focusTitle}>
      <dt>Councils</dt>
      <dd>
        {entry.partnerCodes.join(', ')}
        {entry.joint ? ' (joint risk: every council decides)' : ''}
      </dd>
      <dt>Risk</dt>
      <dd>{entry.risk}</dd>
      <dt>Mitigation</dt>
      <dd>{entry.mitigation || 'None given'}</dd>
      <dt>Recommendation</dt>
      <dd>{entry.recommendation || 'None given'}</dd>
      <dt>Probability</dt>
      <dd>{entry.probability ?? 'Not rated'}</dd>
      <dt>Impact</dt>
      <dd>{entry.impact ?? 'Not rated'}</dd>
      <dt>Score</dt>
      <dd>
        <Badge appearance="tint" color={LEVEL_COLOURS[entry.level]}>
          {scoreText(entry.score, entry.level)}
        </Badge>
      </dd>
      <dt>Toleration</dt>
      <dd>{registerStanding(entry)}</dd>
    </RecordFacts>
  );
}
