/**
 * Question-bank import and export. Pure: bytes (or text) in, bytes (or text) out.
 *
 * - parseBank(format, input, options) reads a file into an ImportPreview: engine-valid items,
 *   warnings and errors with their line / file / item id. Whole-file problems throw FormatError.
 * - writeBank(format, items, options) writes items; the report lists what was left out and why.
 */
import type { Item } from '@coderprep/exam-engine';
import { parseAiken, writeAiken } from './aiken';
import { parseCsv, writeCsv } from './csv';
import { FormatError } from './errors';
import { parseGift, writeGift } from './gift';
import { parseMoodleXml, writeMoodleXml } from './moodle-xml';
import { parseNative, writeNative } from './native';
import { parseQti, writeQti } from './qti';
import {
  type ExportOptions,
  type ExportResult,
  FORMATS,
  type FormatName,
  type ImportOptions,
  type ImportPreview,
  type Input,
} from './types';

const PARSERS: Readonly<Record<FormatName, (input: Input, options?: ImportOptions) => ImportPreview>> = {
  native: parseNative,
  csv: parseCsv,
  gift: parseGift,
  aiken: parseAiken,
  'moodle-xml': parseMoodleXml,
  qti: parseQti,
};

const WRITERS: Readonly<
  Record<FormatName, (items: readonly Item[], options?: ExportOptions) => ExportResult>
> = {
  native: writeNative,
  csv: writeCsv,
  gift: writeGift,
  aiken: writeAiken,
  'moodle-xml': writeMoodleXml,
  qti: writeQti,
};

function checkFormat(format: string): asserts format is FormatName {
  if (!(FORMATS as readonly string[]).includes(format))
    throw new FormatError('unsupported-format', `unknown format "${format}" (one of ${FORMATS.join(', ')})`);
}

/** Reads a bank file. Throws FormatError when the file as a whole cannot be read. */
export function parseBank(format: FormatName, input: Input, options: ImportOptions = {}): ImportPreview {
  checkFormat(format);
  return PARSERS[format](input, options);
}

/** Writes items in a format; what the format cannot hold is listed in report.leftOut. */
export function writeBank(
  format: FormatName,
  items: readonly Item[],
  options: ExportOptions = {},
): ExportResult {
  checkFormat(format);
  return WRITERS[format](items, options);
}

export { parseAiken, writeAiken } from './aiken';
export { CSV_COLUMNS, escapeFormula, parseCsv, unescapeFormula, writeCsv } from './csv';
export { detectFormat } from './detect';
export { type DuplicatePair, type DuplicateReason, findDuplicates } from './duplicates';
export { FormatError, type FormatErrorCode, type FormatErrorLocation, isFormatError } from './errors';
export { parseGift, writeGift } from './gift';
export {
  DEFAULT_LIMITS,
  type Limits,
  MAX_FILE_BYTES,
  MAX_ITEMS,
  MAX_UNCOMPRESSED_BYTES,
  MAX_XML_DEPTH,
  MAX_ZIP_ENTRIES,
} from './limits';
export { parseMoodleXml, writeMoodleXml } from './moodle-xml';
export { parseNative, writeNative } from './native';
export { DEFAULT_CODE_SET_YEAR, DEFAULT_DOMAIN, RATIONALE_PLACEHOLDER } from './preview';
export { parseQti, writeQti } from './qti';
export {
  type BankInfo,
  type ExportOptions,
  type ExportReport,
  type ExportResult,
  FORMATS,
  type FormatName,
  type ImportOptions,
  type ImportPreview,
  type Input,
  type Issue,
  type LeftOut,
} from './types';
