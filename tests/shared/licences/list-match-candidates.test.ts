import { beforeEach, describe, expect, it } from 'vitest';
import type { MatchCandidate } from '../../../shared/licences/licence-run';
import { listMatchCandidates } from '../../../shared/licences/list-match-candidates';
import { decideMatch } from '../../../shared/licences/match-decisions';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { licenceRun, tenantOf } from './licence-fixtures';

const key = (code: string, n: number) => `${tenantOf(code)}/aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A same-name pair of an account in each of two councils. */
function candidate(a: [string, number], b: [string, number], name = 'Jane Doe'): MatchCandidate {
  const accountKeys = [key(...a), key(...b)].sort() as [string, string];
  const accounts = [a, b].map(([code, n]) => ({
    tenantId: tenantOf(code),
    partnerCode: code,
    id: key(code, n).split('/')[1] as string,
    userPrincipalName: `${name.replace(' ', '.').toLowerCase()}${n}@${code.toLowerCase()}.example`,
    displayName: name,
    skuPartNumbers: ['SPE_E3'],
  }));
  return {
    id: accountKeys.join('+'),
    accountKeys,
    partnerCodes: [a[0], b[0]].sort(),
    accounts,
    reason: `same name "${name.toLowerCase()}"`,
  };
}

const CCC_HDC = candidate(['CCC', 1], ['HDC', 1]);
const CCC_SCDC = candidate(['CCC', 2], ['SCDC', 2], 'Sam Lee');
const HDC_SCDC = candidate(['HDC', 3], ['SCDC', 3], 'Ali Khan');
const DECIDED = candidate(['CCC', 4], ['HDC', 4], 'Pat Kay');

describe('listMatchCandidates', () => {
  let stores: Stores;
  const shared = callerOf('HDC', ['staff', 'partnership-admin']);
  const city = callerOf('CCC', ['staff', 'licence-admin']);
  const ids = (items: MatchCandidate[]) => items.map((c) => c.id).sort();

  beforeEach(async () => {
    stores = await storesWithPartnership();
    await stores.licenceRuns.create(licenceRun(1, { candidates: [candidate(['CCC', 9], ['HDC', 9], 'Old Run')] }));
    await stores.licenceRuns.create(licenceRun(2, { candidates: [CCC_HDC, CCC_SCDC, HDC_SCDC, DECIDED] }));
    // A newer run that failed: its candidates are not the current ones.
    await stores.licenceRuns.create(
      licenceRun(3, { status: 'failed', candidates: [candidate(['CCC', 8], ['SCDC', 8], 'Failed Run')] }),
    );
  });

  it("lists the undecided candidates of the last good run, all of them for the shared service's administrator", async () => {
    await decideMatch(stores, city, {
      accounts: [DECIDED.accountKeys[1], DECIDED.accountKeys[0]],
      decision: 'rejected',
    });
    const answer = await listMatchCandidates(stores, shared);
    expect(answer.run).toEqual({ id: 'run-2026-11-02', finishedAt: '2026-11-02T02:30:00.000Z' });
    expect(ids(answer.items)).toEqual(ids([CCC_HDC, CCC_SCDC, HDC_SCDC]));
    expect(answer.items.find((c) => c.id === CCC_HDC.id)).toEqual(CCC_HDC);
  });

  it("shows a council's licence administrator only the candidates with an account in their council", async () => {
    const answer = await listMatchCandidates(stores, city);
    expect(ids(answer.items)).toEqual(ids([CCC_HDC, CCC_SCDC, DECIDED]));
    expect(JSON.stringify(answer)).not.toContain('Ali Khan');
    const scdc = await listMatchCandidates(stores, callerOf('SCDC', ['licence-admin']));
    expect(ids(scdc.items)).toEqual(ids([CCC_SCDC, HDC_SCDC]));
  });

  it('drops a pair once confirmed, whichever way round and in whatever case it was decided', async () => {
    await decideMatch(stores, shared, {
      accounts: [CCC_HDC.accountKeys[1].toUpperCase(), CCC_HDC.accountKeys[0]],
      decision: 'confirmed',
    });
    expect(ids((await listMatchCandidates(stores, city)).items)).toEqual(ids([CCC_SCDC, DECIDED]));
  });

  it('answers with no run and no candidates before any run succeeded, or for a run that stored none', async () => {
    const fresh = await storesWithPartnership();
    expect(await listMatchCandidates(fresh, shared)).toEqual({ run: null, items: [] });
    await fresh.licenceRuns.create(licenceRun(5));
    expect(await listMatchCandidates(fresh, shared)).toEqual({
      run: { id: 'run-2026-11-05', finishedAt: '2026-11-05T02:30:00.000Z' },
      items: [],
    });
  });

  it('is for licence and partnership administrators only, and keeps partnerships apart', async () => {
    await expect(listMatchCandidates(stores, callerOf('HDC', ['staff']))).rejects.toMatchObject({ kind: 'forbidden' });
    const outsider = callerOf('PCC', ['partnership-admin'], 'other');
    expect(await listMatchCandidates(stores, outsider)).toEqual({ run: null, items: [] });
  });
});
