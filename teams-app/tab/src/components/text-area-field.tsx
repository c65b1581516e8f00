import { Label, makeStyles, Text, Textarea, tokens, useId } from '@fluentui/react-components';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: '2px' },
  hint: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** A labelled multi-line text box with an optional hint and an error under it ("Error:", not colour alone). */
export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  required,
  maxLength = 2000,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string | null;
  required?: boolean;
  maxLength?: number;
}) {
  const styles = useStyles();
  const id = useId('textarea');
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <Label htmlFor={id} required={required}>
        {label}
      </Label>
      <Textarea
        id={id}
        value={value}
        maxLength={maxLength}
        resize="vertical"
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(_, data) => onChange(data.value)}
      />
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
