/** Bytes in, text out (and back): size checks, strict UTF-8, byte-order marks. */
import { FormatError } from './errors';
import type { Input } from './types';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Refuses an input over `maxBytes` before any parsing. */
export function checkSize(input: Input, maxBytes: number): void {
  const size = typeof input === 'string' ? encodedLength(input, maxBytes) : input.byteLength;
  if (size > maxBytes)
    throw new FormatError('too-large', `the file is larger than the limit of ${maxBytes} bytes`);
}

/** UTF-8 length of a string, stopping early once past `stopAt`. */
function encodedLength(s: string, stopAt: number): number {
  if (s.length * 3 <= stopAt) return s.length;
  let n = 0;
  for (let i = 0; i < s.length && n <= stopAt; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  return n;
}

/** Decodes UTF-8 strictly (a byte-order mark is dropped); a string passes through without its BOM. */
export function toText(input: Input, maxBytes: number): string {
  checkSize(input, maxBytes);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = decoder.decode(input);
    } catch {
      throw new FormatError('not-utf8', 'the file is not valid UTF-8 text (save it as UTF-8)');
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Raw bytes of an input (a string is encoded as UTF-8). */
export function toBytes(input: Input, maxBytes: number): Uint8Array {
  checkSize(input, maxBytes);
  return typeof input === 'string' ? encoder.encode(input) : input;
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  return lineIndex(text)(offset);
}

/** A function from character offset to 1-based line, for many look-ups in one text. */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
