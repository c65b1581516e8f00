import type { Caller } from '../identity/caller';
import type { Stores } from '../stores/stores';
import { canSeeFinding, licenceScope } from './finding-access';
import { latestSucceededRun } from './latest-run';
import { canonicalAccountKey } from './licence-admin-scope';
import type { MatchCandidate } from './licence-run';
import { pairKey } from './match-people';

export type MatchCandidatesAnswer = {
  /** The run the candidates come from; null before any run succeeded. */
  run: { id: string; finishedAt: string | null } | null;
  items: MatchCandidate[];
};

/**
 * The candidate matches waiting for a person: pairs of accounts in two councils that share only a name, as the
 * newest succeeded run found them, less the pairs someone has already confirmed or rejected (a later decision
 * takes effect from the next run, so the run may still list the pair). A candidate is scoped like a finding: a
 * council's licence administrator sees only those with an account in their own council's tenant, which are also
 * the only ones they may decide.
 */
export async function listMatchCandidates(
  stores: Pick<Stores, 'licenceRuns' | 'licenceDecisions'>,
  caller: Caller,
): Promise<MatchCandidatesAnswer> {
  const scope = licenceScope(caller);
  const run = await latestSucceededRun(stores.licenceRuns, caller.partnershipId);
  if (!run) return { run: null, items: [] };
  const decisions = await stores.licenceDecisions.listAll(caller.partnershipId);
  const decided = new Set(decisions.map(({ record }) => keyOf(record.accounts)));
  return {
    run: { id: run.id, finishedAt: run.finishedAt },
    items: (run.candidates ?? []).filter(
      (candidate) => canSeeFinding(scope, candidate) && !decided.has(keyOf(candidate.accountKeys)),
    ),
  };
}

/** A pair's key whichever way round and in whichever case its account keys were written. */
const keyOf = (accounts: readonly [string, string]) =>
  pairKey([canonicalAccountKey(accounts[0]), canonicalAccountKey(accounts[1])]);
