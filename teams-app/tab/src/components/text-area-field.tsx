import { Textarea } from '@fluentui/react-components';
import { LabelledField } from './labelled-field';

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
  return (
    <LabelledField
      label={label}
      hint={hint}
      error={error}
      required={required}
      control={(props) => (
        <Textarea
          {...props}
          value={value}
          maxLength={maxLength}
          resize="vertical"
          onChange={(_, data) => onChange(data.value)}
        />
      )}
    />
  );
}
