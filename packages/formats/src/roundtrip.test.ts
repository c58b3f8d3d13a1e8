/**
 * native -> format -> native keeps everything the format can hold: the bundled content banks,
 * the every-type fixture and generated items. What a format cannot hold is in report.leftOut.
 */
import type { Item } from '@coderprep/exam-engine';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemsArb } from './arbitraries';
import { parseBank, writeBank } from './index';
import { allTypes, contentItems } from './test-helpers';
import type { FormatName } from './types';

const LOSSLESS: FormatName[] = ['native', 'csv', 'gift', 'moodle-xml', 'qti'];

function roundTrip(format: FormatName, items: readonly Item[]) {
  const out = writeBank(format, items);
  const back = parseBank(format, out.data);
  const left = new Set(out.report.leftOut.map((l) => l.itemId));
  const written = items.filter((i) => !left.has(i.id));
  return { out, back, written };
}

function expectKept(format: FormatName, items: readonly Item[]): void {
  const { out, back, written } = roundTrip(format, items);
  expect(out.report.written).toBe(written.length);
  expect(back.errors).toEqual([]);
  expect(back.items).toEqual(written);
}

describe.each(LOSSLESS)('%s round trip', (format) => {
  it('keeps the bundled content banks', () => {
    const items = contentItems();
    expect(items.length).toBeGreaterThan(100);
    expectKept(format, items);
  });

  it('keeps every item type it can hold (and lists the rest as left out)', () => {
    expectKept(format, allTypes());
  });

  it('keeps generated items', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        expectKept(format, items);
      }),
      { numRuns: 60, seed: 20260101 },
    );
  });
});

describe('what each format leaves out', () => {
  it.each([
    ['native', []],
    ['csv', ['fx-scenario-1']],
    ['gift', ['fx-fill-1', 'fx-scenario-1']],
    ['aiken', ['fx-mr-1', 'fx-fill-1', 'fx-fill-2', 'fx-num-1', 'fx-scenario-1']],
    ['moodle-xml', ['fx-scenario-1']],
    ['qti', []],
  ] as [FormatName, string[]][])('%s', (format, ids) => {
    expect(writeBank(format, allTypes()).report.leftOut.map((l) => l.itemId)).toEqual(ids);
  });
});

describe('Aiken round trip', () => {
  it('keeps stems, option texts and the key of multiple-choice items', () => {
    const { back, written } = roundTrip('aiken', contentItems());
    expect(back.errors).toEqual([]);
    const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');
    expect(
      back.items.map((i) =>
        i.type === 'multiple-choice'
          ? [i.stem, i.options.map((o) => o.text), i.options.findIndex((o) => o.id === i.key)]
          : null,
      ),
    ).toEqual(
      written.map((i) =>
        i.type === 'multiple-choice'
          ? [flat(i.stem), i.options.map((o) => flat(o.text)), i.options.findIndex((o) => o.id === i.key)]
          : null,
      ),
    );
  });
});

describe('CSV through a spreadsheet', () => {
  it('survives being re-saved with other quoting, LF line ends and no BOM', () => {
    const items = [...contentItems().slice(0, 20), ...allTypes()];
    const { data } = writeBank('csv', items);
    const rows = parse(String(data), { bom: true }) as string[][];
    const resaved = stringify(rows, { quoted: true, record_delimiter: 'unix' });
    const back = parseBank('csv', resaved);
    expect(back.errors).toEqual([]);
    expect(back.items).toEqual(items.filter((i) => i.type !== 'scenario'));
  });

  it('keeps UTF-8 text when read as bytes', () => {
    const items = allTypes().map((i) => ({ ...i, stem: `Café résumé 中文 ✓ ${i.stem}` }));
    const { data } = writeBank('csv', items);
    const bytes = new TextEncoder().encode(String(data));
    expect(parseBank('csv', bytes).items.map((i) => i.stem)).toEqual(
      items.filter((i) => i.type !== 'scenario').map((i) => i.stem),
    );
  });
});
