import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ActionError } from '../../components/field-errors';
import { useMe } from '../../me';
import { TextField } from '../plan/filters';
import { formatGbp } from '../plan/format';
import { type AmountInputs, sumOf } from './amounts';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  legend: { padding: 0, marginBottom: '4px', fontWeight: tokens.fontWeightSemibold },
  fields: {
    display: 'grid',
    gap: '12px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    alignItems: 'end',
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** One amount per council (every council, zero where it has no share), the running total, and the API's messages. */
export function AmountsFields({
  inputs,
  onChange,
  error,
}: {
  inputs: AmountInputs;
  onChange(inputs: AmountInputs): void;
  error: ActionError | null;
}) {
  const styles = useStyles();
  const partners = useMe().partnership.partners;
  const sum = sumOf(inputs);
  const general = [error?.fields.shares, error?.fields.total].filter(Boolean);
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Amount per council (whole pounds; 0 where a council has no share)</legend>
      <div className={styles.fields}>
        {partners.map((p, index) => (
          <TextField
            key={p.code}
            label={`${p.name} (${p.code}), £`}
            inputMode="numeric"
            value={inputs[p.code] ?? ''}
            onChange={(value) => onChange({ ...inputs, [p.code]: value })}
            error={
              [error?.fields[`shares.${index}.amount`], error?.fields[`shares.${index}.partnerCode`]]
                .filter(Boolean)
                .join('; ') || null
            }
          />
        ))}
      </div>
      <Text aria-live="polite">Total: {sum === null ? 'not a number yet' : formatGbp(sum)}</Text>
      {general.map((message) => (
        <Text key={message} className={styles.error}>
          Error: {message}
        </Text>
      ))}
    </fieldset>
  );
}

/** The fields this component shows messages for, so a form lists the others beside its error. */
export const AMOUNT_FIELDS = (count: number) => [
  'shares',
  'total',
  ...Array.from({ length: count }, (_, i) => [`shares.${i}.amount`, `shares.${i}.partnerCode`]).flat(),
];
