/** Test helpers for bank import/export: the formats package's fixtures, packages, uploads. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listItems } from '@coderprep/db';
import type { Item } from '@coderprep/exam-engine';
import { parseNative } from '@coderprep/formats';
import { zipSync } from 'fflate';
import type { Response } from 'supertest';
import type { World } from '../testing/fixtures';

const here = fileURLToPath(new URL('.', import.meta.url));
export const FIXTURES = join(here, '..', '..', '..', '..', 'packages', 'formats', 'fixtures');

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

/** Zips a fixture folder (a QTI package). */
export function zipFixture(path: string): Uint8Array {
  const root = join(FIXTURES, path);
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(root, full).split('\\').join('/')] = new Uint8Array(readFileSync(full));
    }
  };
  walk(root);
  return zipSync(files);
}

/** The every-type fixture bank (mc, mr, fill-ins, number, scenario). */
export function allTypes(): Item[] {
  const preview = parseNative(fixture('native/all-types.json'));
  if (preview.errors.length > 0) throw new Error(JSON.stringify(preview.errors));
  return preview.items;
}

export const base64 = (data: Uint8Array | string) =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64');

/** An upload body. */
export const upload = (fileName: string, data: Uint8Array | string, extra: Record<string, unknown> = {}) => ({
  fileName,
  contentBase64: base64(data),
  ...extra,
});

/** Authored ids of a bank's items of a status. */
export function externalIds(
  world: World,
  bankId: string,
  status: 'active' | 'archived' = 'active',
): string[] {
  return listItems(world.deps.db, bankId, { status }, { limit: 100_000, offset: 0 }).rows.map(
    (r) => r.externalId,
  );
}

/** Collects a response body as bytes, whatever its content type (supertest `.parse(binary)`). */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
