import { Input, type InputProps, Label, makeStyles, Select, Text, tokens, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'flex-end' },
  field: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '220px' },
  error: { color: tokens.colorPaletteRedForeground1 },
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

/** A labelled text box; `error` is shown under it (with an "Error:" prefix, not colour alone) and described by it. */
export function TextField({
  label,
  value,
  onChange,
  error,
  required,
  type,
  placeholder,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  required?: boolean;
  type?: InputProps['type'];
  placeholder?: string;
}) {
  const styles = useStyles();
  const id = useId('text');
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
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(_, data) => onChange(data.value)}
      />
      {error && (
        <Text id={`${id}-error`} size={200} className={styles.error}>
          Error: {error}
        </Text>
      )}
    </div>
  );
}
