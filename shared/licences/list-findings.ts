import type { Caller } from '../identity/caller';
import type { Stores } from '../stores/stores';
import type { Finding, FindingType } from './find-waste';
import { canSeeFinding, licenceScope } from './finding-access';
import { latestSucceededRun } from './latest-run';

export type FindingsFilter = { partnerCode?: string; type?: FindingType };

export type FindingsAnswer = {
  /** The run the findings come from, so the tab can say how current they are; null before any run succeeded. */
  run: { id: string; finishedAt: string | null } | null;
  findings: Finding[];
};

/**
 * The current report: the findings of the newest succeeded run, so a failed or unfinished run never hides the
 * last good answer. The filter narrows what the caller asked for; the access rule then always applies, so a
 * licence administrator naming another council gets only the findings involving both councils.
 */
export async function listFindings(
  stores: Pick<Stores, 'licenceRuns' | 'licenceFindings'>,
  caller: Caller,
  filter: FindingsFilter,
): Promise<FindingsAnswer> {
  const scope = licenceScope(caller);
  const run = await latestSucceededRun(stores.licenceRuns, caller.partnershipId);
  if (!run) return { run: null, findings: [] };
  const findings = await stores.licenceFindings.list(caller.partnershipId, run.id, {
    ...(filter.partnerCode ? { partnerCode: filter.partnerCode } : {}),
    ...(filter.type ? { type: filter.type } : {}),
  });
  return {
    run: { id: run.id, finishedAt: run.finishedAt },
    findings: findings.filter((finding) => canSeeFinding(scope, finding)),
  };
}
