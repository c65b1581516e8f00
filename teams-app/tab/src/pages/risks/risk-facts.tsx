import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { LEVEL_COLOURS, registerStanding, riskTitle, scoreText } from './risk-format';
import type { RegisterEntry } from './risk-types';

const useStyles = makeStyles({
  article: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { margin: 0, fontSize: '1.25rem' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '16px',
    rowGap: '6px',
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0 },
  },
});

/**
 * A risk as the register holds it now, under a heading that takes focus when the risk is opened (`focusTitle`),
 * not when it is read again after an action, whose answer then holds the focus.
 */
export function RiskFacts({ entry, focusTitle }: { entry: RegisterEntry; focusTitle: boolean }) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, [focusTitle]);
  return (
    <article aria-labelledby="risk-title" className={styles.article}>
      <h2 id="risk-title" ref={heading} tabIndex={-1} className={styles.heading}>
        {riskTitle(entry)}
      </h2>
      <dl className={styles.facts}>
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
      </dl>
    </article>
  );
}
