/** Fixture loading for the tests (node only; the package itself does no I/O). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Item } from '@coderprep/exam-engine';
import { zipSync } from 'fflate';
import { parseNative } from './native';

const here = fileURLToPath(new URL('.', import.meta.url));
export const FIXTURES = join(here, '..', 'fixtures');
const BANKS = join(here, '..', '..', 'content', 'banks');

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Zips a fixture folder (as a QTI package). */
export function zipFixtureFolder(path: string): Uint8Array {
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

/** The fixture bank with every item type. */
export function allTypes(): Item[] {
  const preview = parseNative(fixture('native/all-types.json'));
  if (preview.errors.length > 0) throw new Error(JSON.stringify(preview.errors));
  return preview.items;
}

/** Every item of the bundled content banks. */
export function contentItems(): Item[] {
  const items: Item[] = [];
  for (const set of readdirSync(BANKS)) {
    for (const file of readdirSync(join(BANKS, set))) {
      if (!file.endsWith('.json')) continue;
      const preview = parseNative(new Uint8Array(readFileSync(join(BANKS, set, file))));
      items.push(...preview.items);
    }
  }
  return items;
}

/** Messages of issues, for compact assertions. */
export function messages(issues: readonly { message: string }[]): string[] {
  return issues.map((i) => i.message);
}
