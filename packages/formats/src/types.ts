import type { Item } from '@coderprep/exam-engine';
import type { Limits } from './limits';

/** The formats this package reads and writes. */
export const FORMATS = ['native', 'csv', 'gift', 'aiken', 'moodle-xml', 'qti'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Bytes in: a string is taken as already decoded text. */
export type Input = Uint8Array | string;

/** A problem a person can act on: where it is (line, archive file, item) and what is wrong. */
export type Issue = {
  message: string;
  /** 1-based line in a text format (GIFT, Aiken, CSV, Moodle XML question start). */
  line?: number;
  /** The id the item has or would have had. */
  itemId?: string;
  /** The file inside an archive (QTI). */
  file?: string;
};

/** Bank-level facts a native document carries. */
export type BankInfo = { id: string; name: string; description: string };

/**
 * What an import would add. Items are engine-valid (parsed through the engine's itemSchema with
 * its defaults); an item with any error is not among them. The caller commits all items or none.
 */
export type ImportPreview = {
  format: FormatName;
  items: Item[];
  warnings: Issue[];
  errors: Issue[];
  /** Present when the file names its bank (native JSON). */
  bank?: BankInfo;
};

export type ImportOptions = {
  /** Lower (or raise) the size limits; the rest keep their defaults. */
  limits?: Partial<Limits>;
  /** Domain for items whose file names none (no category). Default "imported". */
  domain?: string;
  /** Code-set year for items whose file names none. Default DEFAULT_CODE_SET_YEAR, with a warning. */
  codeSetYear?: number;
  /** Prefix of generated ids (formats without ids). Default: the format name. */
  idPrefix?: string;
  /** When true an item without a rationale is an error; otherwise it gets a placeholder and a warning. */
  requireRationale?: boolean;
};

/** An item a writer could not express in its format, and why. */
export type LeftOut = { itemId: string; reason: string };

export type ExportReport = {
  /** Items written (each left-out item is listed in leftOut instead). */
  written: number;
  leftOut: LeftOut[];
  /** Things written with a loss (a field the format cannot hold). */
  warnings: Issue[];
};

export type ExportResult = { data: Uint8Array | string; report: ExportReport };

export type ExportOptions = {
  /** The bank named in a native document or QTI manifest. */
  bank?: Partial<BankInfo>;
  /** CSV: start with a UTF-8 byte-order mark (Excel then reads UTF-8). Default true. */
  bom?: boolean;
  /** CSV: row separator. Default CRLF (RFC 4180). */
  lineEnding?: '\r\n' | '\n';
};
