import { beforeEach, describe, expect, it } from 'vitest';
import { checkStarter } from '../../../shared/licences/check-starter';
import type { LicensedAccount } from '../../../shared/licences/licensed-account';
import type { StarterCheckInput } from '../../../shared/schemas/licences';
import type { Stores } from '../../../shared/stores/stores';
import { callerOf, storesWithPartnership } from '../../support/memory-partnership';
import { E3, F3, FLOW_FREE, licenceRun, MemoryLicenceFiles, prices, seat } from './licence-fixtures';

const NOW = () => new Date('2026-11-20T10:00:00Z');
const RUN = licenceRun(2);
const snapshotOf = (code: string) => `p3/${RUN.id}/${code}.jsonl.gz`;

describe('checkStarter', () => {
  let stores: Stores;
  let files: MemoryLicenceFiles;
  const hdcAdmin = callerOf('HDC', ['staff', 'licence-admin']);
  const jane: StarterCheckInput = { name: 'Jane Doe', employeeId: 'E1234', email: 'jane.doe@huntingdonshire.example' };

  const seatsIn = async (snapshots: Record<string, LicensedAccount[]>) => {
    for (const [code, accounts] of Object.entries(snapshots)) await files.writeSnapshot(snapshotOf(code), accounts);
  };

  beforeEach(async () => {
    stores = await storesWithPartnership();
    files = new MemoryLicenceFiles();
    await stores.licenceRuns.create(licenceRun(1));
    await stores.licenceRuns.create(RUN);
    await stores.licenceRuns.create(licenceRun(3, { status: 'failed' }));
    await stores.licencePrices.create({ id: 'prices', partnershipId: 'p3', sequence: 0, priceList: prices });
  });

  it("finds the starter's seat at another council by employee id and says not to buy one", async () => {
    await seatsIn({
      CCC: [
        seat('CCC', {
          displayName: 'Jane Doe',
          userPrincipalName: 'jane.doe@cambridge.example',
          employeeId: ' e1234 ',
          emails: ['jane.doe@cambridge.example'],
        }),
        seat('CCC'),
      ],
      // HDC is the council asking: its own tenant is not searched, even where the starter already is.
      HDC: [seat('HDC', { displayName: 'Jane Doe', employeeId: 'E1234' })],
      SCDC: [seat('SCDC')],
    });
    const answer = await checkStarter(stores, files, hdcAdmin, jane, NOW);
    expect(answer).toEqual({
      checkedAt: '2026-11-20T10:00:00.000Z',
      partnerCode: 'HDC',
      basedOnRunId: RUN.id,
      basedOnRunFinishedAt: RUN.finishedAt,
      seats: [
        {
          partnerCode: 'CCC',
          userPrincipalName: 'jane.doe@cambridge.example',
          displayName: 'Jane Doe',
          skuPartNumbers: ['SPE_E3'],
          annualCostPence: 36_960,
          matchedOn: 'employee-id',
          confidence: 'high',
        },
      ],
      annualCostPence: 36_960,
      notChecked: [],
      advice:
        'Do not buy a seat at HDC: Jane Doe already holds Microsoft 365 E3 at CCC (£369.60 a year). ' +
        'Give access as a guest, or move the seat.',
    });
    expect(files.snapshotReads.sort()).toEqual([snapshotOf('CCC'), snapshotOf('SCDC')]);
  });

  it('matches by any of the addresses of an account, ignoring case, when there is no employee id match', async () => {
    await seatsIn({
      CCC: [seat('CCC', { employeeId: 'OTHER-1' })],
      SCDC: [
        seat('SCDC', {
          displayName: 'J. Doe',
          employeeId: 'S-77',
          emails: ['jdoe@scambs.example', 'jane.doe@huntingdonshire.example'],
          skuIds: [E3, F3],
        }),
      ],
    });
    const answer = await checkStarter(
      stores,
      files,
      hdcAdmin,
      { ...jane, email: 'Jane.Doe@Huntingdonshire.example' },
      NOW,
    );
    expect(answer.seats).toEqual([
      expect.objectContaining({
        partnerCode: 'SCDC',
        matchedOn: 'email',
        confidence: 'medium',
        skuPartNumbers: ['SPE_E3', 'SPE_F1'],
        annualCostPence: 36_960 + 8_040,
      }),
    ]);
    expect(answer.annualCostPence).toBe(45_000);
    expect(answer.advice).toContain(
      'Jane Doe already holds Microsoft 365 E3 and Microsoft 365 F3 at SCDC (£450.00 a year)',
    );
  });

  it('prefers the employee id when an account matches in several ways', async () => {
    await seatsIn({
      CCC: [
        seat('CCC', { displayName: 'Jane Doe', employeeId: 'E1234', emails: ['jane.doe@huntingdonshire.example'] }),
      ],
      SCDC: [],
    });
    const answer = await checkStarter(stores, files, hdcAdmin, jane, NOW);
    expect(answer.seats.map((s) => s.matchedOn)).toEqual(['employee-id']);
  });

  it('reports a name-only match as possible, naming only the council, and does not count its cost', async () => {
    await seatsIn({
      CCC: [],
      SCDC: [
        seat('SCDC', { displayName: 'DOE, Jane', userPrincipalName: 'jd@scambs.example', employeeId: 'S-9' }),
        seat('SCDC', { displayName: 'Jane Doe', userPrincipalName: 'jane.doe2@scambs.example', employeeId: 'S-10' }),
      ],
    });
    const answer = await checkStarter(stores, files, hdcAdmin, jane, NOW);
    // Nothing about another council's staff beyond "someone there has this name": one entry for SCDC, no account.
    expect(answer.seats).toEqual([{ partnerCode: 'SCDC', matchedOn: 'name', confidence: 'possible' }]);
    expect(answer.annualCostPence).toBe(0);
    expect(answer.advice).toBe(
      'Check before buying a seat at HDC: someone with the same name as Jane Doe, but no matching employee id or ' +
        'email, holds a seat at SCDC. Ask its licence administrator whether it is the same person: if it is, give ' +
        'access as a guest or move the seat; if not, buying one is fine.',
    );
    expect(JSON.stringify(answer)).not.toMatch(/scambs|DOE, Jane|SPE_E3|Microsoft 365|369/);
  });

  it('lists definite matches first and mentions the possible ones by council only', async () => {
    await seatsIn({
      CCC: [seat('CCC', { displayName: 'Jane Doe', userPrincipalName: 'jane@cambridge.example' })],
      SCDC: [seat('SCDC', { employeeId: 'e1234' })],
    });
    const answer = await checkStarter(stores, files, hdcAdmin, jane, NOW);
    expect(answer.seats.map((s) => [s.partnerCode, s.matchedOn])).toEqual([
      ['SCDC', 'employee-id'],
      ['CCC', 'name'],
    ]);
    expect(answer.seats[1]).toEqual({ partnerCode: 'CCC', matchedOn: 'name', confidence: 'possible' });
    expect(answer.annualCostPence).toBe(36_960);
    expect(answer.advice).toMatch(/^Do not buy a seat at HDC: .* at SCDC \(£369\.60 a year\)\./);
    expect(answer.advice).toContain(
      'Someone with the same name also holds a seat at CCC: ask its licence administrator whether it is Jane Doe.',
    );
    expect(JSON.stringify(answer)).not.toContain('jane@cambridge.example');
  });

  it('ignores accounts with no paid licence', async () => {
    await seatsIn({ CCC: [seat('CCC', { employeeId: 'E1234', skuIds: [FLOW_FREE] })], SCDC: [] });
    const answer = await checkStarter(stores, files, hdcAdmin, jane, NOW);
    expect(answer.seats).toEqual([]);
    expect(answer.advice).toBe(
      "No seat found in the other councils' tenants as of 2 November 2026; buying one is fine.",
    );
  });

  it('says which councils could not be checked when the run left no snapshot', async () => {
    await seatsIn({ CCC: [seat('CCC')] });
    const answer = await checkStarter(stores, files, hdcAdmin, jane, NOW);
    expect(answer.notChecked).toEqual(['SCDC']);
    expect(answer.advice).toBe(
      'No seat found in the tenants of CCC as of 2 November 2026; as far as they go, buying one is fine. ' +
        'SCDC could not be checked (the last run left no record of its seats): ask its licence administrator before buying.',
    );
  });

  it('works without a price list, with costs of 0, and says so', async () => {
    const empty = await storesWithPartnership();
    await empty.licenceRuns.create(RUN);
    await seatsIn({ CCC: [seat('CCC', { employeeId: 'E1234', skuIds: [FLOW_FREE] })], SCDC: [] });
    const answer = await checkStarter(empty, files, hdcAdmin, jane, NOW);
    expect(answer.seats).toEqual([
      expect.objectContaining({ partnerCode: 'CCC', skuPartNumbers: [FLOW_FREE], annualCostPence: 0 }),
    ]);
    expect(answer.annualCostPence).toBe(0);
    expect(answer.advice).toBe(
      'Do not buy a seat at HDC: Jane Doe already holds a licence at CCC. Give access as a guest, or move the seat. ' +
        'The partnership has no price list yet, so costs show as £0 and free licences count as seats.',
    );
  });

  it('answers 409 while no run has succeeded', async () => {
    const fresh = await storesWithPartnership();
    await fresh.licenceRuns.create(licenceRun(3, { status: 'failed' }));
    await expect(checkStarter(fresh, files, hdcAdmin, jane, NOW)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('cannot be made yet'),
    });
  });

  it("checks for the caller's council by default; the partnership administrator may check for any council", async () => {
    await seatsIn({
      CCC: [seat('CCC', { employeeId: 'E1234' })],
      HDC: [seat('HDC', { employeeId: 'E1234' })],
      SCDC: [],
    });
    const cityAdmin = callerOf('CCC', ['licence-admin']);
    const forCity = await checkStarter(stores, files, cityAdmin, jane, NOW);
    expect(forCity.partnerCode).toBe('CCC');
    expect(forCity.seats.map((s) => s.partnerCode)).toEqual(['HDC']);
    const shared = callerOf('HDC', ['partnership-admin']);
    const forScdc = await checkStarter(stores, files, shared, { ...jane, partnerCode: 'SCDC' }, NOW);
    expect(forScdc.partnerCode).toBe('SCDC');
    expect(forScdc.seats.map((s) => s.partnerCode)).toEqual(['CCC', 'HDC']);
  });

  it('refuses a licence administrator checking for another council, staff, and an unknown council', async () => {
    await expect(checkStarter(stores, files, hdcAdmin, { ...jane, partnerCode: 'CCC' }, NOW)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(checkStarter(stores, files, callerOf('HDC', ['staff']), jane, NOW)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const shared = callerOf('HDC', ['partnership-admin']);
    await expect(checkStarter(stores, files, shared, { ...jane, partnerCode: 'PCC' }, NOW)).rejects.toMatchObject({
      kind: 'invalid-input',
      problems: [expect.objectContaining({ path: 'partnerCode' })],
    });
    expect(files.snapshotReads).toEqual([]);
  });
});
