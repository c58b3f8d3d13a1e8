/** Which format a file is in, from its name and its first bytes. */
import type { FormatName, Input } from './types';

const SNIFF_BYTES = 64 * 1024;

function head(bytes: Input): string {
  if (typeof bytes === 'string') return bytes.slice(0, SNIFF_BYTES);
  return new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES));
}

/** The format of a file, or null when neither its name nor its content says. */
export function detectFormat(fileName: string, bytes: Input): FormatName | null {
  if (typeof bytes !== 'string' && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'qti';
  const text = head(bytes).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'zip') return 'qti';
  if (start.startsWith('<')) {
    if (/<assessmentItem[\s>]/.test(text)) return 'qti';
    if (/<quiz[\s>]/.test(text)) return 'moodle-xml';
    return ext === 'xml' ? 'moodle-xml' : null;
  }
  if (ext === 'json' || start.startsWith('{') || start.startsWith('[')) return 'native';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'gift') return 'gift';
  if (/^\s*ANSWER\s*:\s*[A-Z]\s*$/im.test(text) && /^\s*[A-Z][.)]\s+\S/m.test(text)) return 'aiken';
  if (/\{[\s\S]*?[=~#][\s\S]*?\}/.test(text) || /^\s*(::|\$CATEGORY:)/m.test(text)) return 'gift';
  if (ext === 'txt') return null;
  if (/^[^\n]*\b(type|stem)\b[^\n]*[,;\t]/i.test(text)) return 'csv';
  return null;
}
