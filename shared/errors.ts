/** A problem with one field of the input, named by its path. */
export type InputProblem = { path: string; message: string };

/** Errors the use-cases raise; the HTTP layer maps each kind to one status code. */
export class DomainError extends Error {
  constructor(
    readonly kind:
      | 'invalid-input'
      | 'unauthenticated'
      | 'forbidden'
      | 'not-found'
      | 'conflict'
      | 'precondition-failed'
      | 'precondition-required',
    message: string,
    readonly problems: InputProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (message: string, problems: InputProblem[] = []) =>
  new DomainError('invalid-input', message, problems);
export const notFound = (message: string) => new DomainError('not-found', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const unauthenticated = (message: string) => new DomainError('unauthenticated', message);
export const staleWrite = () =>
  new DomainError('precondition-failed', 'The record changed since you read it; read it again and retry.');
