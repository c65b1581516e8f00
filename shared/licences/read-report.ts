import { notFound } from '../errors';
import type { Caller } from '../identity/caller';
import type { Stores } from '../stores/stores';
import { licenceScope } from './finding-access';
import type { LicenceFiles } from './gateways';

export type ReportFile = { filename: string; csv: string };

/**
 * The CSV report of one succeeded run: the whole partnership's for its administrator, the caller's council's
 * for a licence administrator. Anything else (no such run, still running, failed, no report written, blob gone)
 * is a 404, so the answer never says more than "there is nothing for you here".
 */
export async function readReport(
  stores: Pick<Stores, 'licenceRuns'>,
  files: Pick<LicenceFiles, 'readReport'>,
  caller: Caller,
  runId: string,
): Promise<ReportFile> {
  const scope = licenceScope(caller);
  const missing = () => notFound(`There is no licence report for run ${runId}.`);
  const run = (await stores.licenceRuns.get(caller.partnershipId, runId))?.record;
  if (run?.status !== 'succeeded' || !run.reports) throw missing();
  const name = scope.kind === 'partnership' ? run.reports.all : run.reports.byPartner[scope.partnerCode];
  if (!name) throw missing();
  const csv = await files.readReport(name);
  if (csv === null) throw missing();
  const who = scope.kind === 'partnership' ? 'all' : scope.partnerCode;
  return { filename: safeFilename(`licence-report-${run.finishedAt?.slice(0, 10) ?? runId}-${who}.csv`), csv };
}

/** A filename any browser and file system accepts, and that needs no quoting in Content-Disposition. */
const safeFilename = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '-');
