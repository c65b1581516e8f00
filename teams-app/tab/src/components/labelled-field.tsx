import { Label, makeStyles, Text, tokens, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '220px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  hint: { color: tokens.colorNeutralForeground2 },
});

/** What a control inside `LabelledField` must carry to be named and described by the field. */
export type FieldControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

/**
 * A label, one control, and a hint and an error under it (the error with an "Error:" prefix, not colour alone),
 * which describe the control (Label and a control rather than Fluent's Field, which costs 2 KB gzip more).
 */
export function LabelledField({
  label,
  hint,
  error,
  required,
  control,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  required?: boolean | undefined;
  control(props: FieldControlProps): ReactNode;
}) {
  const styles = useStyles();
  const id = useId('field');
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <Label htmlFor={id} required={required}>
        {label}
      </Label>
      {control({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <Text id={`${id}-hint`} size={200} className={styles.hint}>
          {hint}
        </Text>
      )}
      {error && (
        <Text id={`${id}-error`} size={200} className={styles.error}>
          Error: {error}
        </Text>
      )}
    </div>
  );
}
