/**
 * Code sets: the official code tables a user supplies (ICD-10-CM, ICD-10-PCS, HCPCS Level II),
 * so grading and key checks can tell a real code from one that only looks right. The engine
 * works without any table (format checks only); it never reads files: the caller passes text.
 */
import { CODE_KIND_NAMES, parseCode } from './codes';
import { EngineError } from './errors';
import type { CodeKind } from './item';

/** What a code set knows about one code. */
export type CodeInfo = {
  kind: CodeKind;
  /** Canonical display form (E11.9). */
  code: string;
  /** False for an ICD-10-CM header (category or subcategory that needs more characters). */
  billable: boolean;
  description: string;
};

/** The answer to a lookup: no table for this kind, a code the table lacks, or the code. */
export type CodeLookup =
  | { status: 'not-loaded' }
  | { status: 'absent' }
  | { status: 'found'; info: CodeInfo };

/** Read-only access to code tables, as grading and key checks need it. */
export interface CodeSet {
  /** True when a table for `kind` has been loaded. */
  isLoaded(kind: CodeKind): boolean;
  /** Looks `code` up in any typed form (E11.9, e119); a malformed code is absent from a loaded table. */
  lookup(kind: CodeKind, code: string): CodeLookup;
}

/** One code to add to a table. */
export type CodeEntry = { code: string; billable?: boolean; description?: string };

/** The text formats a table can be loaded from. */
export type CodeTableFormat = 'tsv' | 'codes-text' | 'order-text';

/** What a load did: the format it detected and how many codes the table now holds. */
export type CodeTableLoad = { kind: CodeKind; format: CodeTableFormat; count: number };

/** Details of an 'invalid-code-set' error: which table and which line (1-based). */
export type CodeTableErrorDetails = { kind: CodeKind; line: number };

type Stored = { billable: boolean; description: string };
type Row = { line: number; code: string; billable: boolean; description: string };

/** A code set held in memory: empty until tables are loaded. */
export class InMemoryCodeSet implements CodeSet {
  private readonly tables = new Map<CodeKind, Map<string, Stored>>();

  isLoaded(kind: CodeKind): boolean {
    return this.tables.has(kind);
  }

  lookup(kind: CodeKind, code: string): CodeLookup {
    const table = this.tables.get(kind);
    if (!table) return { status: 'not-loaded' };
    const parsed = parseCode(kind, code);
    const stored = parsed.ok ? table.get(parsed.compact) : undefined;
    if (!parsed.ok || !stored) return { status: 'absent' };
    return { status: 'found', info: { kind, code: parsed.code, ...stored } };
  }

  /** How many codes the table for `kind` holds (0 when not loaded). */
  size(kind: CodeKind): number {
    return this.tables.get(kind)?.size ?? 0;
  }

  /** Adds codes to the table for `kind` (creating it); for tables built by the caller, e.g. licensed CPT. */
  add(kind: CodeKind, entries: Iterable<CodeEntry>): this {
    const table = this.tables.get(kind) ?? new Map<string, Stored>();
    let line = 0;
    for (const entry of entries) {
      line++;
      store(kind, table, {
        line,
        code: entry.code,
        billable: entry.billable ?? true,
        description: entry.description ?? '',
      });
    }
    this.tables.set(kind, table);
    return this;
  }

  /** Loads (replacing) the ICD-10-CM table from the TSV, CDC codes or CDC order text. */
  loadIcd10Cm(text: string): CodeTableLoad {
    return this.load('icd10cm', text);
  }

  /** Loads (replacing) the ICD-10-PCS table from the TSV or CMS codes/order text. */
  loadIcd10Pcs(text: string): CodeTableLoad {
    return this.load('icd10pcs', text);
  }

  /** Loads (replacing) the HCPCS Level II table from the TSV or a plain "code description" text. */
  loadHcpcs(text: string): CodeTableLoad {
    return this.load('hcpcs', text);
  }

  /** Parses a whole table first, so a refused file leaves the loaded table untouched. */
  private load(kind: CodeKind, text: string): CodeTableLoad {
    const table = new Map<string, Stored>();
    const format = readTable(kind, text, (row) => store(kind, table, row));
    if (table.size === 0) throw tableError(kind, 1, 'no codes found');
    this.tables.set(kind, table);
    return { kind, format, count: table.size };
  }
}

/** A new, empty code set (format checks only until tables are loaded). */
export function createCodeSet(): InMemoryCodeSet {
  return new InMemoryCodeSet();
}

/** An 'invalid-code-set' error naming the table and line. */
function tableError(kind: CodeKind, line: number, problem: string): EngineError<CodeTableErrorDetails> {
  return new EngineError('invalid-code-set', `${CODE_KIND_NAMES[kind]} table, line ${line}: ${problem}`, {
    kind,
    line,
  });
}

/** Adds one row to a table, refusing malformed and repeated codes. */
function store(kind: CodeKind, table: Map<string, Stored>, row: Row): void {
  const parsed = parseCode(kind, row.code);
  if (!parsed.ok)
    throw tableError(
      kind,
      row.line,
      `"${row.code}" is not a valid ${CODE_KIND_NAMES[kind]} code (${parsed.reason})`,
    );
  if (table.has(parsed.compact)) throw tableError(kind, row.line, `${parsed.code} appears twice`);
  table.set(parsed.compact, { billable: row.billable, description: row.description });
}

/** A short quote of a line for messages. */
const quote = (line: string) => JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);

// CDC order file: order number (5), code padded to 7, billable 0/1, short (60), long description.
const ORDER_LINE = /^\d{5} [0-9A-Z][0-9A-Z ]{6} [01] /;
// CDC/CMS codes file: code, white space, description.
const CODES_LINE = /^([0-9A-Z]{3,7})\s+(\S.*)$/;

/** Reads every row of a table text, detecting its format from the first line; returns the format. */
function readTable(kind: CodeKind, text: string, onRow: (row: Row) => void): CodeTableFormat {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1) throw tableError(kind, 1, 'no codes found');
  const head = stripCr(lines[first] as string);
  if (head.includes('\t')) {
    readTsv(kind, lines, first, onRow);
    return 'tsv';
  }
  const format: CodeTableFormat = ORDER_LINE.test(head) ? 'order-text' : 'codes-text';
  const readLine = format === 'order-text' ? orderRow : codesRow;
  for (let i = first; i < lines.length; i++) {
    const line = stripCr(lines[i] as string);
    if (line.trim() === '') continue;
    const row = readLine(line, i + 1);
    if (!row)
      throw tableError(
        kind,
        i + 1,
        i === first
          ? `not a code table: expected a tab-separated table with a header row, a codes file or an order file, got ${quote(line)}`
          : `does not match the ${format === 'order-text' ? 'order file' : 'codes file'} layout of line ${first + 1}: ${quote(line)}`,
      );
    onRow(row);
  }
  return format;
}

/** Drops the carriage return of a CRLF line. */
const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** One line of a CDC order file, or null. */
function orderRow(line: string, lineNo: number): Row | null {
  if (!ORDER_LINE.test(line)) return null;
  const short = line.slice(16, 76).trim();
  const long = line.slice(77).trim();
  return {
    line: lineNo,
    code: line.slice(6, 13).trim(),
    billable: line[14] === '1',
    description: long || short,
  };
}

/** One line of a CDC/CMS codes file (every code in it is billable), or null. */
function codesRow(line: string, lineNo: number): Row | null {
  const match = CODES_LINE.exec(line.trimEnd());
  if (!match) return null;
  return { line: lineNo, code: match[1] as string, billable: true, description: match[2] as string };
}

/** Reads a tab-separated table whose first line is a header with a `code` column. */
function readTsv(kind: CodeKind, lines: string[], headerAt: number, onRow: (row: Row) => void): void {
  const header = stripCr(lines[headerAt] as string)
    .split('\t')
    .map((name) => name.trim().toLowerCase());
  const codeAt = header.indexOf('code');
  if (codeAt === -1)
    throw tableError(kind, headerAt + 1, `a tab-separated table needs a header row with a "code" column`);
  const billableAt = header.indexOf('billable');
  const descriptionAt = ['long_description', 'description', 'short_description']
    .map((name) => header.indexOf(name))
    .filter((at) => at !== -1);
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = stripCr(lines[i] as string);
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length !== header.length)
      throw tableError(kind, i + 1, `expected ${header.length} tab-separated fields, found ${fields.length}`);
    const billable = billableAt === -1 ? '1' : (fields[billableAt] as string).trim();
    if (billable !== '0' && billable !== '1')
      throw tableError(kind, i + 1, `billable must be 0 or 1, found ${quote(billable)}`);
    onRow({
      line: i + 1,
      code: fields[codeAt] as string,
      billable: billable === '1',
      description: descriptionAt.map((at) => (fields[at] as string).trim()).find((d) => d !== '') ?? '',
    });
  }
}
