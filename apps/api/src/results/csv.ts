/**
 * CSV writing for exports that instructors open in a spreadsheet: RFC 4180 quoting, CRLF line
 * ends, and text cells that a spreadsheet would run as a formula defused with a leading
 * apostrophe (OWASP "CSV injection"): a student who names themself `=HYPERLINK(...)` must not
 * get a formula into their instructor's spreadsheet.
 */

export type CsvCell = string | number | null | undefined;

/** A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Defuses a text cell a spreadsheet would evaluate. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell: numbers as written, text defused, then quoted when it holds `"`, `,`, CR or LF. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document: a header row and the data rows, CRLF after every row, with a UTF-8 byte order
 * mark so that Excel reads accented names as UTF-8.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const line = (cells: readonly CsvCell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return `\uFEFF${line(header)}${rows.map(line).join('')}`;
}

/**
 * A file name safe in a Content-Disposition header on every OS: ASCII letters, digits, `.`, `_`
 * and `-` only, no leading dot, at most 100 characters.
 */
export function safeFilename(base: string, extension: string): string {
  const stem =
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 100 - extension.length - 1) || 'export';
  return `${stem}.${extension}`;
}
