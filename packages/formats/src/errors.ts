/**
 * The one error class of this package. Whole-file problems (too big, not UTF-8, unsafe XML,
 * unsafe zip, unreadable structure) are thrown as a FormatError with a stable `code`; problems
 * with single items are reported in the import preview instead, so the rest can still be seen.
 */
export type FormatErrorCode =
  | 'too-large'
  | 'too-many-items'
  | 'too-many-entries'
  | 'not-utf8'
  | 'malformed'
  | 'unsafe-xml'
  | 'unsafe-zip'
  | 'unsupported-format'
  | 'unsupported-version';

/** Where in the file a problem is: a 1-based line (text formats), a file inside an archive, an item. */
export type FormatErrorLocation = { line?: number; file?: string; itemId?: string };

export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    readonly code: FormatErrorCode,
    message: string,
    readonly location: FormatErrorLocation = {},
  ) {
    super(message);
  }
}

/** True when `error` is a FormatError, optionally of one code. */
export function isFormatError(error: unknown, code?: FormatErrorCode): error is FormatError {
  return error instanceof FormatError && (code === undefined || error.code === code);
}
