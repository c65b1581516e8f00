import { isDeepStrictEqual } from 'node:util';
import { DomainError, invalidInput } from '../errors';
import { toProblems } from '../plan/validate-plan-document';
import { type Partnership, partnership } from '../schemas/partnership';
import type { Stores } from '../stores/stores';

export type PutPartnershipResult = { outcome: 'created' | 'updated' | 'unchanged'; partnership: Partnership };

const MAX_ATTEMPTS = 5;

/**
 * Writes a partnership's record (its councils, their codes, names and tenants) as the operator gives it: the one
 * record the API cannot create, since every caller is known only through it. Validated first; created when new,
 * else replaced under the ETag read, so an edit made meanwhile is never overwritten unseen (the write is tried
 * again against it). Writing the same record again changes nothing.
 */
export async function putPartnership(
  stores: Pick<Stores, 'partnerships'>,
  input: unknown,
): Promise<PutPartnershipResult> {
  const checked = partnership.safeParse(input);
  if (!checked.success) {
    const problems = toProblems(checked.error);
    throw invalidInput(
      `This is not a valid partnership: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const record = checked.data;
  for (let attempt = 1; ; attempt++) {
    const found = await stores.partnerships.get(record.partnershipId, record.id);
    try {
      if (!found) {
        await stores.partnerships.create({ ...record, sequence: 0 });
        return { outcome: 'created', partnership: record };
      }
      if (isDeepStrictEqual(partnership.parse(found.record), record))
        return { outcome: 'unchanged', partnership: record };
      await stores.partnerships.replace({ ...record, sequence: found.record.sequence }, found.etag);
      return { outcome: 'updated', partnership: record };
    } catch (error) {
      const raced = error instanceof DomainError && ['conflict', 'precondition-failed'].includes(error.kind);
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
