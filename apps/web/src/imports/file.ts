/**
 * What the browser does with a bank file before it is sent: check its size against the server's
 * limit, read it as base64, and describe formats and sizes in words.
 */
import type { BankFormat } from '@coderprep/contracts';

/**
 * The largest file the server imports (MAX_FILE_BYTES of @coderprep/formats, stated in
 * apps/api/IMPORT-EXPORT.md). Copied, not imported: the formats package is not for the browser.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The formats, in the order offered, with the names instructors know them by. */
export const FORMAT_NAMES: Record<BankFormat, string> = {
  gift: 'GIFT (Moodle)',
  'moodle-xml': 'Moodle XML',
  csv: 'CSV (spreadsheet)',
  aiken: 'Aiken',
  qti: 'IMS QTI 2.1 package (zip)',
  native: 'CoderPrep JSON',
};
export const FORMATS = Object.keys(FORMAT_NAMES) as BankFormat[];

/** "1.2 MiB", "340 KB", "12 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** Why a file cannot be sent (empty, too large), or null when it can. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty: choose the file that holds the questions.`;
  if (file.size > MAX_FILE_BYTES) {
    const limit = formatSize(MAX_FILE_BYTES);
    // Just over the limit rounds to the limit: then say it in bytes.
    const size =
      formatSize(file.size) === limit ? `${file.size.toLocaleString('en-US')} bytes` : formatSize(file.size);
    return `${file.name} is too large (${size}): files of up to ${limit} can be imported. Split the bank into smaller files.`;
  }
  return null;
}

/**
 * The format a file name suggests, or null when only its content can tell (a ".txt" may be GIFT
 * or Aiken). Only a hint: the server recognises the format from the name and the first bytes.
 */
export function formatFromName(fileName: string): BankFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.gift') || name.endsWith('.gift.txt')) return 'gift';
  if (name.endsWith('.aiken.txt')) return 'aiken';
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.xml')) return 'moodle-xml';
  if (name.endsWith('.zip')) return 'qti';
  if (name.endsWith('.json')) return 'native';
  return null;
}

/** The file's bytes as standard padded base64 (the browser's own encoder, via a data URL). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
