/**
 * CSV: one row an item, a header row naming the columns (see README "CSV columns"). Reads
 * UTF-8 with or without a byte-order mark, CRLF or LF, quoted multi-line cells, and a comma,
 * semicolon or tab delimiter (from the header row). Writes RFC 4180 with CRLF and a BOM so that
 * a spreadsheet opens it as UTF-8 and saves it back readable.
 *
 * Formula injection: a cell starting with = + - @ tab, CR or LF (after any apostrophes) is
 * written with one more leading apostrophe, so a spreadsheet shows it as text; reading strips
 * exactly that apostrophe again, so text round-trips unchanged.
 */
import type { Item } from '@coderprep/exam-engine';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { formatBlanksCell, parseBlanksCell } from './blanks-cell';
import { toText } from './bytes';
import { FormatError } from './errors';
import { resolveLimits } from './limits';
import { newCandidate, PreviewBuilder } from './preview';
import { normaliseNewlines } from './text';
import type {
  ExportOptions,
  ExportResult,
  ImportOptions,
  ImportPreview,
  Input,
  Issue,
  LeftOut,
} from './types';

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

/** The columns written, in order. Reading accepts them in any order, case and `_`/`-`/space insensitive. */
export const CSV_COLUMNS = [
  'id',
  'type',
  'domain',
  'tags',
  'difficulty',
  'codeSetYear',
  'scored',
  'version',
  'stem',
  ...LETTERS.map((l) => `option_${l}`),
  'key',
  'select',
  'partial_credit',
  'blanks',
  'rationale',
  ...LETTERS.map((l) => `rationale_${l}`),
  'option_ids',
] as const;

const MAX_OPTIONS = LETTERS.length;

const canon = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
const KNOWN = new Map(CSV_COLUMNS.map((c) => [canon(c), c]));

const DANGEROUS = /^'*[=+\-@\t\r\n]/;
const ESCAPED = /^'+[=+\-@\t\r\n]/;

/** Prefixes an apostrophe to a cell a spreadsheet would run as a formula. */
export function escapeFormula(cell: string): string {
  return DANGEROUS.test(cell) ? `'${cell}` : cell;
}

/** Undoes escapeFormula. */
export function unescapeFormula(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}

const TYPES: Readonly<Record<string, Item['type']>> = {
  multiplechoice: 'multiple-choice',
  mc: 'multiple-choice',
  multipleresponse: 'multiple-response',
  mr: 'multiple-response',
  fillin: 'fill-in',
  fill: 'fill-in',
  fib: 'fill-in',
};

/** The delimiter the header row uses most, outside quotes. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

type Row = { cells: string[]; line: number };

function readRows(text: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: '\n',
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    throw new FormatError(
      'malformed',
      `not readable as CSV: ${error instanceof Error ? error.message : String(error)}`,
      typeof lines === 'number' ? { line: lines } : {},
    );
  }
  const rows: Row[] = [];
  let next = 1;
  for (const { record, info } of records) {
    const line = next;
    next = info.lines + 1;
    if (record.every((c) => c.trim() === '')) continue;
    rows.push({ cells: record.map(unescapeFormula), line });
  }
  return rows;
}

const bool = (s: string): boolean | string => {
  const v = s.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'scored'].includes(v)) return true;
  if (['false', 'no', 'n', '0', 'unscored', 'pretest'].includes(v)) return false;
  return s;
};

const int = (s: string): number | string => (/^\s*[0-9]+\s*$/.test(s) ? Number(s) : s);

/** Reads a CSV bank. */
export function parseCsv(input: Input, options: ImportOptions = {}): ImportPreview {
  const limits = resolveLimits(options.limits);
  const text = normaliseNewlines(toText(input, limits.maxFileBytes));
  const preview = new PreviewBuilder('csv', options, limits);
  const rows = readRows(text);
  const header = rows.shift();
  if (!header) throw new FormatError('malformed', 'the file is empty: a header row is needed');
  const columns = header.cells.map((name) => KNOWN.get(canon(name)));
  header.cells.forEach((name, i) => {
    if (columns[i] === undefined && name.trim() !== '')
      preview.warn(`unknown column "${name}" ignored`, { line: header.line });
  });
  for (const needed of ['type', 'stem'] as const)
    if (!columns.includes(needed))
      throw new FormatError('malformed', `the header row has no "${needed}" column`, { line: 1 });
  preview.checkCount(rows.length);

  for (const row of rows) {
    const cell = new Map<string, string>();
    row.cells.forEach((value, i) => {
      const column = columns[i];
      if (column !== undefined) cell.set(column, value);
    });
    if (row.cells.length > columns.length && row.cells.slice(columns.length).some((c) => c.trim() !== ''))
      preview.warn('the row has more cells than the header: the extra cells were ignored', {
        line: row.line,
      });
    const get = (c: (typeof CSV_COLUMNS)[number]) => cell.get(c) ?? '';
    const candidate = newCandidate({ line: row.line });
    const f = candidate.fields;
    const typeCell = get('type');
    const type = TYPES[canon(typeCell)];
    if (get('id').trim() !== '') f.id = get('id').trim();
    if (!type) {
      candidate.errors.push(`type "${typeCell}" is not one of multiple-choice, multiple-response, fill-in`);
      preview.add(candidate);
      continue;
    }
    f.type = type;
    if (get('domain').trim() !== '') f.domain = get('domain').trim();
    const tags = get('tags')
      .split('|')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (tags.length > 0) f.tags = tags;
    if (get('difficulty').trim() !== '') f.difficulty = get('difficulty').trim().toLowerCase();
    if (get('codeSetYear').trim() !== '') f.codeSetYear = int(get('codeSetYear'));
    if (get('scored').trim() !== '') f.scored = bool(get('scored'));
    if (get('version').trim() !== '') f.version = int(get('version'));
    f.stem = get('stem');
    f.rationale = get('rationale');
    const partial = get('partial_credit').trim();
    if (partial !== '' && type !== 'multiple-choice') f.partialCredit = partial.toLowerCase();

    if (type === 'fill-in') {
      const blanks = parseBlanksCell(get('blanks'), get('stem'));
      if (blanks.ok) {
        f.blanks = blanks.blanks;
        f.key = blanks.key;
      } else candidate.errors.push(blanks.reason);
      if (get('key').trim() !== '')
        candidate.warnings.push('the key column is not used by a fill-in item (see blanks)');
    } else {
      readOptions(get, candidate.errors, f);
      if (type === 'multiple-response') {
        const select = get('select').trim();
        if (select !== '') f.select = select.toLowerCase() === 'all' ? null : int(select);
      }
    }
    preview.add(candidate);
  }
  return preview.finish();
}

function readOptions(
  get: (c: (typeof CSV_COLUMNS)[number]) => string,
  errors: string[],
  f: Record<string, unknown>,
): void {
  const texts = LETTERS.map((l) => get(`option_${l}`));
  const last = texts.reduce((at, t, i) => (t.trim() !== '' ? i : at), -1);
  const gap = texts.findIndex((t, i) => i < last && t.trim() === '');
  if (gap !== -1) errors.push(`option_${LETTERS[gap]} is empty but a later option is filled`);
  const customIds = get('option_ids')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const count = last + 1;
  if (customIds.length > 0 && customIds.length !== count)
    errors.push(`option_ids lists ${customIds.length} ids for ${count} options`);
  const ids = customIds.length > 0 ? customIds : LETTERS.slice(0, count).map((l) => l.toUpperCase());
  f.options = texts.slice(0, count).map((text, i) => ({
    id: ids[i] ?? String(i + 1),
    text,
    rationale: get(`rationale_${LETTERS[i] ?? 'a'}`),
  }));
  const resolve = (k: string) =>
    ids.find((id) => id === k) ?? ids.find((id) => id.toLowerCase() === k.toLowerCase()) ?? k;
  const keys = get('key')
    .split(/[|,;\s]+/)
    .filter((k) => k !== '')
    .map(resolve);
  if (f.type === 'multiple-choice') {
    if (keys.length !== 1)
      errors.push(`key: a multiple-choice item needs one key letter, found "${get('key')}"`);
    f.key = keys[0] ?? '';
  } else f.key = keys;
}

/** Writes a CSV bank. Scenarios and items with more than six options are left out (and reported). */
export function writeCsv(items: readonly Item[], options: ExportOptions = {}): ExportResult {
  const leftOut: LeftOut[] = [];
  const warnings: Issue[] = [];
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const item of items) {
    if (item.type === 'scenario') {
      leftOut.push({
        itemId: item.id,
        reason: 'CSV has one row an item: a scenario with sub-items does not fit',
      });
      continue;
    }
    if (item.type !== 'fill-in' && item.options.length > MAX_OPTIONS) {
      leftOut.push({
        itemId: item.id,
        reason: `CSV holds ${MAX_OPTIONS} options, the item has ${item.options.length}`,
      });
      continue;
    }
    const cell: Record<string, string> = {
      id: item.id,
      type: item.type,
      domain: item.domain,
      tags: item.tags.join('|'),
      difficulty: item.difficulty,
      codeSetYear: String(item.codeSetYear),
      scored: String(item.scored),
      version: String(item.version),
      stem: item.stem,
      rationale: item.rationale,
    };
    if (item.tags.some((t) => t.includes('|')))
      warnings.push({ itemId: item.id, message: 'a tag holding "|" will read back as two tags' });
    if (item.type === 'fill-in') {
      cell.blanks = formatBlanksCell(item.blanks, item.key, item.stem);
      cell.partial_credit = item.partialCredit;
    } else {
      const letters = item.options.map((_, i) => (LETTERS[i] ?? '').toUpperCase());
      const standard = item.options.every((o, i) => o.id === letters[i]);
      if (!standard) cell.option_ids = item.options.map((o) => o.id).join('|');
      item.options.forEach((o, i) => {
        cell[`option_${LETTERS[i]}`] = o.text;
        cell[`rationale_${LETTERS[i]}`] = o.rationale;
      });
      cell.key = item.type === 'multiple-choice' ? item.key : item.key.join('|');
      if (item.type === 'multiple-response') {
        cell.select = item.select === null ? '' : String(item.select);
        cell.partial_credit = item.partialCredit;
      }
    }
    rows.push(CSV_COLUMNS.map((c) => escapeFormula(cell[c] ?? '')));
  }
  const lineEnding = options.lineEnding ?? '\r\n';
  const body = stringify(rows, {
    record_delimiter: lineEnding === '\r\n' ? 'windows' : 'unix',
    // Any line break (not only the row separator) must be quoted for the cell to stay one cell.
    quoted_match: /[\r\n]/,
  });
  return {
    data: `${options.bom === false ? '' : '\uFEFF'}${body}`,
    report: { written: rows.length - 1, leftOut, warnings },
  };
}
