/**
 * Bank import (preview, then commit) and export, over @coderprep/formats. The HTTP routes and the
 * operator command line both call these functions, so a file reads the same either way.
 *
 * Import is stateless: the preview writes nothing, and a commit reads the file again and refuses
 * it while it has any error, so what lands is exactly what the preview showed. A commit imports
 * every accepted item in one transaction (banks/service importItems) or nothing.
 */
import type {
  ExportQuery,
  ExportReport as ExportReportBody,
  ExportReportHeader,
  ImportCommitResult,
  ImportDuplicate,
  ImportIssue,
  ImportItemSummary,
  ImportKeyIssue,
  ImportOptionsBody,
  ImportPreview as ImportPreviewBody,
} from '@coderprep/contracts';
import { type BankRow, type ItemStatus, inTransaction, listItems } from '@coderprep/db';
import { checkItemKey, type Item } from '@coderprep/exam-engine';
import {
  type DuplicatePair,
  detectFormat,
  FORMATS,
  type FormatErrorCode,
  type FormatName,
  findDuplicates,
  type ImportOptions,
  type ImportPreview,
  type Issue,
  isFormatError,
  MAX_FILE_BYTES,
  parseBank,
  writeBank,
} from '@coderprep/formats';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import { type Actor, importItems, requireBank } from '../banks/service';
import type { Deps } from '../deps';
import { ApiError, badRequest, conflict } from '../http/errors';
import { safeFilename } from '../results/csv';

/** Where an import comes from, for the audit trail. */
export type ImportVia = 'http' | 'cli';

/** A bank file as handed in. */
export interface BankFile {
  fileName: string;
  bytes: Uint8Array;
  /** Leave out to recognise the format from the name and content. */
  format?: FormatName | undefined;
  options?: ImportOptionsBody | undefined;
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** A file over the size limit: 413, with the limit in the message. */
export const fileTooLarge = (bytes: number) =>
  new ApiError(
    413,
    'file-too-large',
    `The file is ${mib(bytes)}; files of up to ${mib(MAX_FILE_BYTES)} can be imported. Split the bank into smaller files.`,
    { bytes, maxBytes: MAX_FILE_BYTES },
  );

/** The bytes of a base64 upload; a file over the limit is refused (413) before it is decoded. */
export function decodeUpload(contentBase64: string): Uint8Array {
  const padding = contentBase64.endsWith('==') ? 2 : contentBase64.endsWith('=') ? 1 : 0;
  const size = (contentBase64.length / 4) * 3 - padding;
  if (size > MAX_FILE_BYTES) throw fileTooLarge(size);
  return new Uint8Array(Buffer.from(contentBase64, 'base64'));
}

/** FormatError codes that are size limits: 413; every other whole-file problem is a 400. */
const TOO_LARGE: readonly FormatErrorCode[] = ['too-large', 'too-many-items', 'too-many-entries'];

/** "line 12", "items/a.xml", "item x": where a problem is, for a message. */
function place(at: { line?: number | undefined; file?: string | undefined; itemId?: string | undefined }) {
  if (at.line !== undefined) return `line ${at.line}`;
  if (at.file !== undefined) return at.file;
  if (at.itemId !== undefined) return `item ${at.itemId}`;
  return '';
}

/** The format of a file: the one asked for, else recognised from its name and first bytes. */
export function formatOf(file: Pick<BankFile, 'fileName' | 'bytes' | 'format'>): FormatName {
  if (file.format !== undefined) return file.format;
  // Our own exports: "<bank>.gift.txt" and "<bank>.aiken.txt".
  const name = file.fileName.toLowerCase();
  if (name.endsWith('.gift.txt')) return 'gift';
  if (name.endsWith('.aiken.txt')) return 'aiken';
  const found = detectFormat(file.fileName, file.bytes);
  if (found === null)
    throw badRequest(
      'unknown-format',
      `The format of "${file.fileName}" could not be recognised from its name or content: choose one of ${FORMATS.join(', ')}.`,
    );
  return found;
}

function importOptions(options: ImportOptionsBody | undefined): ImportOptions {
  return {
    ...(options?.domain !== undefined ? { domain: options.domain } : {}),
    ...(options?.codeSetYear !== undefined ? { codeSetYear: options.codeSetYear } : {}),
    ...(options?.idPrefix !== undefined ? { idPrefix: options.idPrefix } : {}),
  };
}

/** Parses the file; a whole-file problem (too big, unsafe, unreadable) becomes a 400 or 413. */
function parse(file: BankFile, format: FormatName): ImportPreview {
  if (file.bytes.length > MAX_FILE_BYTES) throw fileTooLarge(file.bytes.length);
  try {
    return parseBank(format, file.bytes, importOptions(file.options));
  } catch (error) {
    if (!isFormatError(error)) throw error;
    const where = place(error.location);
    throw new ApiError(
      TOO_LARGE.includes(error.code) ? 413 : 400,
      error.code,
      `"${file.fileName}" cannot be read as ${format}${where ? ` (${where})` : ''}: ${error.message.replace(/\.$/, '')}.`,
      { format, ...error.location },
    );
  }
}

const excerpt = (text: string, max = 120) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Where an item is in the file, as far as any issue about it says. */
function placesOf(issues: readonly ImportIssue[]): Map<string, { line?: number; file?: string }> {
  const places = new Map<string, { line?: number; file?: string }>();
  for (const issue of issues) {
    if (issue.itemId === undefined || places.has(issue.itemId)) continue;
    if (issue.line !== undefined) places.set(issue.itemId, { line: issue.line });
    else if (issue.file !== undefined) places.set(issue.itemId, { file: issue.file });
  }
  return places;
}

const toIssue = (issue: Issue): ImportIssue => ({
  message: issue.message,
  ...(issue.line !== undefined ? { line: issue.line } : {}),
  ...(issue.itemId !== undefined ? { itemId: issue.itemId } : {}),
  ...(issue.file !== undefined ? { file: issue.file } : {}),
});

/** A file read and checked: the parse, plus the engine's key check of every item. */
interface ReadFile {
  format: FormatName;
  /** Items without any error (parse or key). */
  items: Item[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
  keyWarnings: ImportKeyIssue[];
  bank?: { name: string; description: string };
}

/**
 * Reads a bank file and checks every item's key against the loaded code tables: a malformed code
 * is an error (the item cannot be graded), a code absent from a table (or a header code) a warning.
 */
export function readBankFile(deps: Deps, file: BankFile): ReadFile {
  const format = formatOf(file);
  const preview = parse(file, format);
  const places = placesOf([...preview.errors, ...preview.warnings]);
  const errors = preview.errors.map(toIssue);
  const keyWarnings: ImportKeyIssue[] = [];
  const items: Item[] = [];
  for (const item of preview.items) {
    const check = checkItemKey(item, deps.codeSet);
    const at = { itemId: item.id, ...places.get(item.id) };
    // Without a line or file (ids generated from the stem), the stem is how a person finds it.
    const which = at.line === undefined && at.file === undefined ? ` ("${excerpt(item.stem, 60)}")` : '';
    for (const issue of check.errors)
      errors.push({ ...at, message: `${issue.path}: ${issue.message}${which}` });
    for (const issue of check.warnings)
      keyWarnings.push({ ...at, path: issue.path, message: `${issue.message}${which}` });
    if (check.errors.length === 0) items.push(item);
  }
  const byLine = (a: ImportIssue, b: ImportIssue) => (a.line ?? -1) - (b.line ?? -1);
  return {
    format,
    items,
    warnings: preview.warnings.map(toIssue),
    errors: errors.sort(byLine),
    keyWarnings,
    ...(preview.bank ? { bank: { name: preview.bank.name, description: preview.bank.description } } : {}),
  };
}

/** Every item of a bank (any status) with its current body, and the row ids by authored id. */
function bankItems(deps: Deps, bankId: string, statuses: readonly ItemStatus[]) {
  const all: { rowId: string; item: Item }[] = [];
  for (const status of statuses) {
    const { rows } = listItems(deps.db, bankId, { status }, { limit: 1_000_000_000, offset: 0 });
    for (const row of rows) all.push({ rowId: row.id, item: JSON.parse(row.body) as Item });
  }
  all.sort((a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  return all;
}

/** Duplicates of the bank's items (any status) and within the file, with the bank rows' ids. */
function duplicatesOf(deps: Deps, bankId: string, items: readonly Item[]): ImportDuplicate[] {
  const existing = bankItems(deps, bankId, ['active', 'archived']);
  const rowIds = new Map(existing.map((e) => [e.item.id, e.rowId]));
  return findDuplicates(
    items,
    existing.map((e) => e.item),
  ).map((pair: DuplicatePair) => {
    const rowId = pair.where === 'existing' ? rowIds.get(pair.otherId) : undefined;
    return { ...pair, ...(rowId !== undefined ? { bankItemId: rowId } : {}) };
  });
}

function summary(item: Item, warnings: number, at: { line?: number; file?: string } = {}): ImportItemSummary {
  return {
    externalId: item.id,
    type: item.type,
    domain: item.domain,
    stem: excerpt(item.stem),
    warnings,
    ...at,
  };
}

/** What a file holds and what importing it into the bank would do. Writes nothing. */
export function previewImport(
  deps: Deps,
  organisationId: string,
  bankId: string,
  file: BankFile,
): ImportPreviewBody {
  requireBank(deps, organisationId, bankId);
  const read = readBankFile(deps, file);
  const duplicates = duplicatesOf(deps, bankId, read.items);
  const warningCount = new Map<string, number>();
  for (const issue of [...read.warnings, ...read.keyWarnings])
    if (issue.itemId !== undefined) warningCount.set(issue.itemId, (warningCount.get(issue.itemId) ?? 0) + 1);
  const places = placesOf([...read.warnings, ...read.keyWarnings]);
  const duplicated = new Set(duplicates.map((d) => d.itemId));
  return {
    fileName: file.fileName,
    format: read.format,
    recognised: read.items.length,
    items: read.items.map((item) => summary(item, warningCount.get(item.id) ?? 0, places.get(item.id))),
    warnings: read.warnings,
    errors: read.errors,
    duplicates,
    keyWarnings: read.keyWarnings,
    newItems: read.items.filter((item) => !duplicated.has(item.id)).length,
    ready: read.errors.length === 0,
    ...(read.bank ? { bank: read.bank } : {}),
  };
}

/** Why a duplicate is skipped, in words. */
export function duplicateReason(pair: ImportDuplicate): string {
  const what =
    pair.reasons.length === 2
      ? 'the same id and stem as'
      : pair.reasons[0] === 'same-id'
        ? 'the same id as'
        : 'the same stem as';
  return pair.where === 'existing'
    ? `${what} item "${pair.otherId}" in the bank`
    : `${what} item "${pair.otherId}" earlier in this file`;
}

/**
 * Imports a file: refused (400, nothing written) while it has errors; duplicates are skipped
 * (policy "skip") or refuse the whole file (409, policy "fail"). Every other item lands in one
 * transaction, audited as 'bank.import' with the file name and the counts.
 */
export function commitImport(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  file: BankFile,
  policy: { duplicates: 'skip' | 'fail'; via: ImportVia },
): ImportCommitResult {
  requireBank(deps, organisationId, bankId);
  const read = readBankFile(deps, file);
  if (read.errors.length > 0) {
    const first = read.errors[0] as ImportIssue;
    const where = place(first);
    throw badRequest(
      'import-has-errors',
      `"${file.fileName}" has ${read.errors.length} error(s), so nothing was imported. Fix them and upload the file again (first: ${where ? `${where}: ` : ''}${first.message}).`,
      { errors: read.errors },
    );
  }
  // The duplicate check and the writes see one state of the bank.
  return inTransaction(deps.db, () => {
    const duplicates = duplicatesOf(deps, bankId, read.items);
    if (duplicates.length > 0 && policy.duplicates === 'fail')
      throw conflict(
        'import-duplicates',
        `${duplicates.length} item(s) of "${file.fileName}" duplicate items of the bank or of the file, so nothing was imported (duplicates: "skip" imports the others).`,
        { duplicates },
      );
    const skipped = new Map<string, string>();
    for (const pair of duplicates)
      if (!skipped.has(pair.itemId)) skipped.set(pair.itemId, duplicateReason(pair));
    const toImport = read.items.filter((item) => !skipped.has(item.id));
    const result = importItems(deps, actor, organisationId, bankId, toImport, {
      fileName: file.fileName,
      format: read.format,
      via: policy.via,
      duplicates: skipped.size,
    });
    const created = new Set(Object.keys(result.itemIds));
    return {
      fileName: file.fileName,
      format: read.format,
      created: result.created,
      skipped: [...[...skipped].map(([externalId, reason]) => ({ externalId, reason })), ...result.skipped],
      warnings: read.warnings,
      keyWarnings: read.keyWarnings.filter((w) => w.itemId !== undefined && created.has(w.itemId)),
      itemIds: result.itemIds,
    };
  });
}

// ---------------------------------------------------------------- export

/** File name ending and content type of each format. */
const FILE_TYPES: Readonly<Record<FormatName, { extension: string; contentType: string }>> = {
  native: { extension: 'json', contentType: 'application/json; charset=utf-8' },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  gift: { extension: 'gift.txt', contentType: 'text/plain; charset=utf-8' },
  aiken: { extension: 'aiken.txt', contentType: 'text/plain; charset=utf-8' },
  'moodle-xml': { extension: 'moodle.xml', contentType: 'application/xml; charset=utf-8' },
  qti: { extension: 'qti.zip', contentType: 'application/zip' },
};

export interface BankExport {
  bank: BankRow;
  data: Uint8Array;
  contentType: string;
  report: ExportReportBody;
}

const statusesOf = (status: ExportQuery['status']): ItemStatus[] =>
  status === 'all' ? ['active', 'archived'] : [status];

/** Writes a bank's items (of a status) in a format; the report lists what the format could not hold. */
export function writeBankFile(
  deps: Deps,
  organisationId: string,
  bankId: string,
  query: ExportQuery,
): BankExport {
  const bank = requireBank(deps, organisationId, bankId);
  const items = bankItems(deps, bankId, statusesOf(query.status)).map((e) => e.item);
  const { data, report } = writeBank(query.format, items, {
    bank: { id: bank.id, name: bank.name, description: bank.description },
  });
  const type = FILE_TYPES[query.format];
  return {
    bank,
    data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
    contentType: type.contentType,
    report: {
      format: query.format,
      fileName: safeFilename(bank.name, type.extension),
      written: report.written,
      leftOut: report.leftOut,
      warnings: report.warnings.map(toIssue),
    },
  };
}

/** Records an export in the audit trail: answer keys left the platform. */
export function recordExport(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  query: ExportQuery,
  report: ExportReportBody,
  via: ImportVia,
): void {
  audit(
    deps,
    // audit() reads only the actor's id.
    actor as SessionUser | null,
    organisationId,
    'bank.export',
    { type: 'bank', id: bankId },
    {
      format: query.format,
      status: query.status,
      written: report.written,
      leftOut: report.leftOut.length,
      via,
    },
  );
}

/** Writes the export and records it in the audit trail. */
export function exportBank(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  query: ExportQuery,
  via: ImportVia,
): BankExport {
  const result = writeBankFile(deps, organisationId, bankId, query);
  recordExport(deps, actor, organisationId, bankId, query, result.report, via);
  return result;
}

/** Header values must stay small: proxies refuse responses with headers over a few KiB. */
export const EXPORT_HEADER_MAX = 4096;

/** JSON with every non-ASCII character escaped, as a header value must be. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/**
 * The X-Export-Report header value: the report, compact, ASCII. Lists that would not fit are cut
 * (warnings first, then left-out items) and `truncated` is set; GET .../export/report has them all.
 */
export function exportReportHeader(report: ExportReportBody, max = EXPORT_HEADER_MAX): string {
  const header: ExportReportHeader = {
    written: report.written,
    leftOut: report.leftOut,
    leftOutCount: report.leftOut.length,
    warnings: report.warnings,
    warningCount: report.warnings.length,
    truncated: false,
  };
  let value = asciiJson(header);
  if (value.length <= max) return value;
  header.truncated = true;
  header.warnings = [];
  const leftOut = [...report.leftOut];
  header.leftOut = leftOut;
  value = asciiJson(header);
  while (value.length > max && leftOut.length > 0) {
    // Halve the list until it fits, then it stays a prefix of the full list.
    leftOut.splice(Math.floor(leftOut.length / 2));
    value = asciiJson(header);
  }
  return value;
}
