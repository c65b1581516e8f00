import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { RiskLevel, RiskRegister } from './risk-types';

const useStyles = makeStyles({
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase300,
    '& th, & td': { border: `1px solid ${tokens.colorNeutralStroke1}`, padding: '6px 10px', textAlign: 'center' },
    '& th': { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
    '& th[scope="row"]': { textAlign: 'left' },
  },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '0 0 6px' },
  count: { display: 'block', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  detail: { display: 'block', fontSize: tokens.fontSizeBase200 },
  High: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorNeutralForeground1 },
  Medium: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorNeutralForeground1 },
  Low: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorNeutralForeground1 },
  Unrated: {},
  scroll: { overflowX: 'auto' },
});

/**
 * The 4x4 score matrix: probability (rows, likely first) by impact (columns, low to high), the number of risks
 * rated in each cell, and each cell's score and level in words as well as in colour.
 */
export function ScoreMatrix({ register, councilName }: { register: RiskRegister; councilName: string }) {
  const styles = useStyles();
  const { probabilities, cells } = register.matrix;
  const impacts = [...register.matrix.impacts].reverse();
  const cell = (probability: string, impact: string) =>
    cells.find((c) => c.probability === probability && c.impact === impact);
  const unrated = register.unratedRiskIds.length;
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <caption className={styles.caption}>
          Score matrix, {councilName}: risks by probability and impact (score = probability × impact, 1 to 16)
        </caption>
        <thead>
          <tr>
            <th scope="col">Probability \ Impact</th>
            {impacts.map((impact) => (
              <th key={impact} scope="col">
                {impact}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {probabilities.map((probability) => (
            <tr key={probability}>
              <th scope="row">{probability}</th>
              {impacts.map((impact) => {
                const found = cell(probability, impact);
                if (!found) return <td key={impact}>—</td>;
                const count = found.riskIds.length;
                return (
                  <td key={impact} className={styles[found.level as RiskLevel]}>
                    <span className={styles.count}>
                      {count} risk{count === 1 ? '' : 's'}
                    </span>
                    <span className={styles.detail}>
                      score {found.score}, {found.level}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Text as="p" size={200}>
        {unrated === 0
          ? 'Every risk is rated.'
          : `${unrated} of ${register.risks.length} risks are not rated yet (probability or impact "tbc" in the register), so they are not in the matrix.`}
      </Text>
    </div>
  );
}
