import { ApiError } from '../api/api';

/**
 * What went wrong with an action: the API's message, and its problems by field with `body.` left off
 * (`comment`, `shares.0.amount`), so a form shows each message under its own field.
 */
export type ActionError = { message: string; fields: Record<string, string> };

export function actionErrorOf(error: unknown): ActionError {
  const message = error instanceof Error ? error.message : String(error);
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const problem of error.problems) {
      const path = problem.path.replace(/^body\.?/, '');
      fields[path] = fields[path] ? `${fields[path]}; ${problem.message}` : problem.message;
    }
  }
  return { message, fields };
}

/** The messages of the fields a form does not show by itself, to list with the error. */
export function otherFieldMessages(error: ActionError, shown: readonly string[]): string[] {
  return Object.entries(error.fields)
    .filter(([path]) => !shown.includes(path))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));
}
