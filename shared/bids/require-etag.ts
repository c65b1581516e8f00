import { DomainError } from '../errors';

/** Edits of what the caller read must say which version they read (428 without). */
export function requireEtag(etag: string | undefined): string {
  if (!etag) throw new DomainError('precondition-required', 'Send the ETag you read in an If-Match header.');
  return etag;
}
