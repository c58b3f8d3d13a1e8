/**
 * Property: random bytes, random text and random mutations of valid files only ever give a
 * FormatError or a preview whose items are engine-valid; never another exception, never a hang.
 */
import { itemSchema } from '@coderprep/exam-engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from './errors';
import { detectFormat, parseBank } from './index';
import { fixture, fixtureText, zipFixtureFolder } from './test-helpers';
import { FORMATS, type FormatName, type Input } from './types';

const RUNS = 200;

/** Parses and checks the outcome: a typed error or a valid preview. */
function check(format: FormatName, input: Input): void {
  let preview: ReturnType<typeof parseBank>;
  try {
    preview = parseBank(format, input);
  } catch (error) {
    if (error instanceof FormatError) return;
    throw error;
  }
  for (const item of preview.items) expect(itemSchema.safeParse(item).success).toBe(true);
  for (const issue of [...preview.errors, ...preview.warnings]) expect(typeof issue.message).toBe('string');
}

const TEXT_FIXTURES: [FormatName, string][] = [
  ['native', fixtureText('native/all-types.json')],
  ['csv', fixtureText('csv/sample.csv')],
  ['gift', fixtureText('gift/all-constructs.gift')],
  ['aiken', fixtureText('aiken/sample.txt')],
  ['moodle-xml', fixtureText('moodle/sample.xml')],
  ['qti', fixtureText('qti/package/items/scenario.xml')],
];

const SPECIAL = fc.constantFrom(...'{}=~#:%\\<>/"\'&;,|\n\r\t[]->!?$@ ANSWER:A.'.split(''));

/** A mutation of a text: delete, insert, duplicate or replace a slice. */
const textMutation = fc.tuple(
  fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
  fc.nat(),
  fc.nat({ max: 40 }),
  fc.array(fc.oneof(SPECIAL, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((a) => a.join('')),
);

function mutate(text: string, mutations: [string, number, number, string][]): string {
  let s = text;
  for (const [kind, at, length, insert] of mutations) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (kind === 'delete') s = s.slice(0, i) + s.slice(i + length);
    else if (kind === 'insert') s = s.slice(0, i) + insert + s.slice(i);
    else if (kind === 'duplicate') s = s.slice(0, i + length) + s.slice(i, i + length) + s.slice(i + length);
    else s = s.slice(0, i) + insert + s.slice(i + insert.length);
  }
  return s;
}

describe.each([...FORMATS])('%s never crashes', (format) => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => check(format, bytes)),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it('on random text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(SPECIAL, fc.string({ maxLength: 4, unit: 'grapheme' })), { maxLength: 80 }),
        (parts) => check(format, parts.join('')),
      ),
      { numRuns: RUNS, seed: 11 },
    );
  });
});

describe.each(TEXT_FIXTURES)('%s: mutations of a valid file', (format, text) => {
  it('give a typed error or a valid preview', () => {
    fc.assert(
      fc.property(fc.array(textMutation, { minLength: 1, maxLength: 4 }), (mutations) =>
        check(format, mutate(text, mutations)),
      ),
      { numRuns: RUNS, seed: 13 },
    );
  });
});

describe('QTI package mutations', () => {
  const zip = zipFixtureFolder('qti/package');

  it('flipped and truncated bytes give a typed error or a valid preview', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (flips, cut) => {
          const bytes = zip.slice(0, cut === undefined ? zip.length : cut % zip.length);
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          check('qti', bytes);
        },
      ),
      { numRuns: RUNS, seed: 17 },
    );
  });
});

describe('detectFormat', () => {
  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 256 }), (name, bytes) => {
        const format = detectFormat(name, bytes);
        expect(format === null || FORMATS.includes(format)).toBe(true);
      }),
      { numRuns: RUNS, seed: 19 },
    );
  });

  it('recognises every fixture', () => {
    expect(detectFormat('bank.json', fixture('native/all-types.json'))).toBe('native');
    expect(detectFormat('bank.csv', fixture('csv/sample.csv'))).toBe('csv');
    expect(detectFormat('export.txt', fixture('gift/all-constructs.gift'))).toBe('gift');
    expect(detectFormat('export.txt', fixture('aiken/sample.txt'))).toBe('aiken');
    expect(detectFormat('quiz.xml', fixture('moodle/sample.xml'))).toBe('moodle-xml');
    expect(detectFormat('package.zip', zipFixtureFolder('qti/package'))).toBe('qti');
    expect(detectFormat('item.xml', fixture('qti/package/items/text-entry.xml'))).toBe('qti');
    expect(detectFormat('notes.txt', 'nothing to see')).toBe(null);
  });
});
