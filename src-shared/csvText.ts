// Reading a CSV file's text into a header and numbered rows (papaparse): UTF-8 with or without a
// byte-order mark, quoted fields with commas and line breaks inside, CRLF or LF line ends.
import Papa from 'papaparse';

/** One record of the file. `row` is its number as a spreadsheet shows it: the header is row 1. */
export interface CsvRow {
  row: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
}

export type CsvRead = { ok: true; table: CsvTable } | { ok: false; message: string };

const BOM = '\uFEFF';

/**
 * Parses CSV text. Blank lines are skipped but keep their numbers, so a bad row is reported with the
 * number the user sees in the spreadsheet. `onProgress` gets 0..1 as the text is read.
 */
export function readCsv(text: string, onProgress: (fraction: number) => void = () => {}): CsvRead {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  if (source.trim() === '')
    return { ok: false, message: 'The file is empty: it has no header row and no rows' };
  const records: string[][] = [];
  let unclosedQuoteAt: number | null = null;
  Papa.parse<string[]>(source, {
    header: false,
    skipEmptyLines: false,
    chunkSize: 1024 * 1024,
    complete: () => undefined,
    chunk: (results: Papa.ParseResult<string[]>) => {
      for (const record of results.data) records.push(record);
      for (const error of results.errors) {
        if (error.code === 'MissingQuotes' && unclosedQuoteAt === null)
          unclosedQuoteAt = (error.row ?? 0) + records.length - results.data.length + 1;
      }
      onProgress(Math.min(1, results.meta.cursor / source.length));
    },
  });
  onProgress(1);
  if (unclosedQuoteAt !== null) {
    return {
      ok: false,
      message: `Row ${unclosedQuoteAt} opens a quoted field (") that is never closed, so the rest of the file cannot be read; close the quote or remove it`,
    };
  }
  const [header, ...data] = records;
  const headers = (header ?? []).map((h) => h.trim());
  if (headers.every((h) => h === ''))
    return { ok: false, message: 'The first row is empty; it must name the columns' };
  const rows: CsvRow[] = [];
  data.forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    rows.push({ row: i + 2, cells });
  });
  return { ok: true, table: { headers, rows } };
}
