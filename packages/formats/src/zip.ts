/**
 * Safe zip reading. The central directory is read here (so every name and declared size is
 * checked before anything is inflated); entries are inflated with fflate's streaming inflater,
 * counting bytes as they come out and stopping at the entry's declared size and at the
 * archive's uncompressed limit. Refused: names that leave the archive folder (`..` segments,
 * absolute paths, drive letters, backslashes, NUL), encrypted entries, ZIP64, multi-disk
 * archives, more entries than allowed, declared sizes over the limit, and an entry that
 * inflates to more than it declares.
 */
import { Inflate, type Zippable, zipSync } from 'fflate';
import { FormatError } from './errors';
import type { Limits } from './limits';

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

const CHUNK = 4096;
const names = new TextDecoder('utf-8');

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

const malformed = (message: string) => new FormatError('malformed', `not a readable zip archive: ${message}`);

/** Why an entry name is unsafe, or null when it stays inside the archive folder. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'a backslash in the name';
  if (name.includes('\0')) return 'a NUL character in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'a ".." segment';
  return null;
}

/** A name with "." and empty segments removed (a trailing "/" marks a folder). */
export function normaliseEntryName(name: string): string {
  return name
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

export class ZipArchive {
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly limits: Limits,
  ) {}

  has(name: string): boolean {
    return this.entries.has(normaliseEntryName(name));
  }

  /** The inflated bytes of an entry (counted against the archive's uncompressed limit). */
  read(name: string): Uint8Array {
    const entry = this.entries.get(normaliseEntryName(name));
    if (!entry) throw new FormatError('malformed', `the archive has no file "${name}"`, { file: name });
    const b = this.bytes;
    const at = entry.localOffset;
    if (at + 30 > b.length || u32(b, at) !== 0x04034b50)
      throw malformed(`bad local header for "${entry.name}"`);
    const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
    const end = start + entry.compressedSize;
    if (end > b.length) throw malformed(`"${entry.name}" runs past the end of the archive`);
    const data = b.subarray(start, end);
    const limit = this.limits.maxUncompressedBytes;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw malformed(`stored entry "${entry.name}" has two sizes`);
      this.count(entry.size, limit, entry.name);
      return data;
    }
    if (entry.method !== 8)
      throw new FormatError(
        'unsafe-zip',
        `"${entry.name}" uses compression method ${entry.method}: only deflate is read`,
        {
          file: entry.name,
        },
      );
    const chunks: Uint8Array[] = [];
    let produced = 0;
    const inflater = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > entry.size)
        throw new FormatError(
          'unsafe-zip',
          `"${entry.name}" inflates to more than the ${entry.size} bytes it declares`,
          {
            file: entry.name,
          },
        );
      if (this.inflated + produced > limit)
        throw new FormatError('unsafe-zip', `the archive inflates to more than ${limit} bytes`, {
          file: entry.name,
        });
      chunks.push(chunk);
    });
    try {
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
      for (let i = 0; i < data.length; i += CHUNK)
        inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    } catch (error) {
      if (error instanceof FormatError) throw error;
      throw new FormatError('malformed', `"${entry.name}" holds corrupt compressed data`, {
        file: entry.name,
      });
    }
    if (produced !== entry.size)
      throw new FormatError(
        'malformed',
        `"${entry.name}" declares ${entry.size} bytes but inflates to ${produced}`,
        {
          file: entry.name,
        },
      );
    this.count(produced, limit, entry.name);
    const out = new Uint8Array(produced);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }

  private count(n: number, limit: number, file: string): void {
    this.inflated += n;
    if (this.inflated > limit)
      throw new FormatError('unsafe-zip', `the archive inflates to more than ${limit} bytes`, { file });
  }
}

/** Opens a zip archive: reads and checks its central directory; inflates nothing yet. */
export function openZip(bytes: Uint8Array, limits: Limits): ZipArchive {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw malformed('no end-of-central-directory record');
  const total = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0 || u16(bytes, eocd + 8) !== total)
    throw malformed('multi-disk archives are not read');
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw malformed('ZIP64 archives are not read');
  if (total > limits.maxZipEntries)
    throw new FormatError(
      'too-many-entries',
      `the archive has ${total} entries; the limit is ${limits.maxZipEntries}`,
    );
  if (cdOffset + cdSize > eocd) throw malformed('the central directory lies outside the archive');
  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let p = cdOffset;
  for (let n = 0; n < total; n++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50)
      throw malformed('a central directory entry is damaged');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const skip = nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    if (p + 46 + nameLength > eocd) throw malformed('a central directory entry is damaged');
    const raw = names.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + skip;
    const unsafe = unsafeEntryName(raw);
    if (unsafe) throw new FormatError('unsafe-zip', `entry "${raw}" is refused: ${unsafe}`, { file: raw });
    if (flags & 1) throw new FormatError('unsafe-zip', `entry "${raw}" is encrypted`, { file: raw });
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw malformed('ZIP64 archives are not read');
    declared += size;
    if (declared > limits.maxUncompressedBytes)
      throw new FormatError(
        'unsafe-zip',
        `the archive declares more than ${limits.maxUncompressedBytes} bytes once inflated`,
        { file: raw },
      );
    if (raw.endsWith('/')) continue;
    const name = normaliseEntryName(raw);
    if (entries.has(name)) throw malformed(`two entries are named "${name}"`);
    entries.set(name, { name, method, compressedSize, size, localOffset });
  }
  return new ZipArchive(bytes, entries, limits);
}

/** Builds a zip archive (deflated entries). */
export function writeZip(files: Record<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = [data, { level: 6 }];
  return zipSync(zippable, { mtime: new Date('2026-01-01T00:00:00Z') });
}
