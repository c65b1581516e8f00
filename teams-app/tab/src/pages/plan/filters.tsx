import { Input, type InputProps, Label, makeStyles, Select, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { LabelledField } from '../../components/labelled-field';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'flex-end' },
  field: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '220px' },
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
  return (
    <LabelledField
      label={label}
      hint={hint}
      error={error}
      required={required}
      control={(props) => (
        <Input
          {...props}
          type={type}
          value={value}
          placeholder={placeholder}
          inputMode={inputMode}
          autoComplete="off"
          onChange={(_, data) => onChange(data.value)}
        />
      )}
    />
  );
}
