import { parse } from 'csv-parse/sync';
import { invalidInput } from '../errors';

/** One row of a CSV file: its cells by normalised column name, and the line it ended on (for error messages). */
export type CsvRow = { record: Record<string, string>; info: { lines: number } };

/** Column names compared without case, spacing, underscores or hyphens: `Employee_No` is `employee no`. */
export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Reads an uploaded CSV with a header line (BOM and blank lines allowed, cells trimmed). A file that is not CSV,
 * or lacks one of `columns` (each the accepted names of one column), fails at once with a 400 that says so,
 * using the caller's wording; the rows are then the caller's to check line by line.
 */
export function readCsv(
  csv: string,
  columns: readonly (readonly string[])[],
  wording: { unreadable: string; missingColumns: string },
): { rows: CsvRow[] } {
  let header: string[] = [];
  let rows: CsvRow[];
  try {
    rows = parse(csv, {
      columns: (names: string[]) => {
        header = names.map(normaliseHeader);
        return header;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw invalidInput(wording.unreadable, [{ path: 'file', message: (error as Error).message }]);
  }
  const missing = columns.filter((names) => !names.some((name) => header.includes(name))).map((names) => names[0]);
  if (missing.length > 0) {
    throw invalidInput(
      wording.missingColumns,
      missing.map((name) => ({ path: 'header', message: `no "${name}" column` })),
    );
  }
  return { rows };
}
