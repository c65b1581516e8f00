import type { TextInput } from './adaptive-card';

/** The input's id: Teams sends its value beside the button's data, as `comment`. */
export const COMMENT_INPUT_ID = 'comment';
export const COMMENT_MAX_LENGTH = 1000;

/** The optional comment that goes with a decision, labelled for screen readers. */
export const commentInput = (label: string, placeholder: string): TextInput => ({
  type: 'Input.Text',
  id: COMMENT_INPUT_ID,
  label,
  placeholder,
  isMultiline: true,
  maxLength: COMMENT_MAX_LENGTH,
});
