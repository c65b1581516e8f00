import { Input, type InputProps, Label, makeStyles, Select, Text, tokens, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'flex-end' },
  field: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '220px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  hint: { color: tokens.colorNeutralForeground2 },
});

export function FilterBar({ children }: { children: ReactNode }) {
  return <div className={useStyles().bar}>{children}</div>;
}

/** A labelled drop-down (Label and Select rather than Field, which costs 2 KB gzip more); '' is "all". */
export function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; text: string }[];
  onChange(value: string): void;
}) {
  const styles = useStyles();
  const id = useId('choice');
  return (
    <div className={styles.field}>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(_, data) => onChange(data.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </Select>
    </div>
  );
}

/**
 * A labelled text box; `hint` and `error` are shown under it (the error with an "Error:" prefix, not colour alone)
 * and describe it.
 */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  required,
  type,
  placeholder,
  inputMode,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  hint?: string;
  required?: boolean;
  type?: InputProps['type'];
  placeholder?: string;
  inputMode?: InputProps['inputMode'];
}) {
  const styles = useStyles();
  const id = useId('text');
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <Label htmlFor={id} required={required}>
        {label}
      </Label>
      <Input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
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
