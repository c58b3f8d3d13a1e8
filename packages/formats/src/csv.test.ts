import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, escapeFormula, parseCsv, unescapeFormula, writeCsv } from './csv';
import { isFormatError } from './errors';
import { allTypes, fixture, fixtureText } from './test-helpers';

describe('CSV reader', () => {
  const preview = parseCsv(fixture('csv/sample.csv'));
  const byId = new Map(preview.items.map((i) => [i.id, i]));

  it('reads a BOM, CRLF rows, quoted multi-line cells and mixed-case headers', () => {
    expect(byId.get('csv-mc-1')).toMatchObject({
      type: 'multiple-choice',
      tags: ['diabetes', 'endocrine'],
      difficulty: 'easy',
      stem: 'Which code reports type 2 diabetes\nwithout complications?',
      key: 'A',
      rationale: 'Category E11 is type 2 diabetes, "without complications" is .9.',
    });
  });

  it('reads multiple response with select, partial credit and an unscored flag', () => {
    expect(byId.get('csv-mr-1')).toMatchObject({
      type: 'multiple-response',
      scored: false,
      key: ['A', 'B'],
      select: 2,
      partialCredit: 'proportional',
    });
  });

  it('reads the compact blanks syntax and the JSON form', () => {
    expect(byId.get('csv-fill-1')).toMatchObject({
      blanks: [
        { id: 'em', kind: 'procedure-line' },
        { id: 'dx', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
        { id: 'n', kind: 'number' },
      ],
      key: {
        em: { accepted: [{ code: '99213', modifiers: ['25'], units: 1 }] },
        dx: {
          codes: [
            { code: 'L72.3', optional: false },
            { code: 'E11.9', optional: true },
          ],
        },
        n: { accepted: [2], tolerance: 0.5 },
      },
    });
    expect(byId.get('csv-fill-2')).toMatchObject({
      blanks: [{ id: 'b1', kind: 'icd10cm' }],
      key: { b1: { accepted: ['S72.031A', 'S72031A'] } },
    });
    expect(byId.get('csv-fill-json')).toMatchObject({ blanks: [{ id: 'dx', label: 'Diagnosis' }] });
  });

  it('strips the formula escape again', () => {
    const item = byId.get('csv-formula');
    expect(item?.stem).toBe('=HYPERLINK("http://example.invalid","click") is text, not a formula');
    if (item?.type !== 'multiple-choice') throw new Error('mc expected');
    expect(item.options.map((o) => o.text)).toEqual(['+one', '-two', '@three', 'four']);
  });

  it('reports bad rows by line number and keeps them out', () => {
    expect(preview.errors.map((e) => [e.line, e.itemId])).toEqual([
      [12, 'csv-bad-type'],
      [13, 'csv-bad-key'],
    ]);
    expect(preview.items.map((i) => i.id)).not.toContain('csv-bad-key');
    expect(preview.items).toHaveLength(6);
  });

  it('reads a semicolon-separated file (European spreadsheets)', () => {
    const p = parseCsv(fixture('csv/semicolon.csv'));
    expect(p.errors).toEqual([]);
    expect(p.items[0]).toMatchObject({ id: 'semi-1', stem: 'Which code; the first one?' });
  });

  it('throws a FormatError for an unclosed quote, with its line', () => {
    try {
      parseCsv('type,stem\nmc,"open');
      expect.unreachable();
    } catch (error) {
      expect(isFormatError(error, 'malformed')).toBe(true);
    }
  });

  it('needs the type and stem columns', () => {
    expect(() => parseCsv('id,domain\nx,y')).toThrow(/"type" column/);
  });
});

describe('CSV writer', () => {
  it('writes the documented columns with a BOM and CRLF', () => {
    const { data } = writeCsv(allTypes());
    const text = String(data);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('leaves scenarios out and says so', () => {
    const { report } = writeCsv(allTypes());
    expect(report.leftOut).toEqual([
      { itemId: 'fx-scenario-1', reason: expect.stringContaining('scenario') },
    ]);
    expect(report.written).toBe(5);
  });

  it('can write LF without a BOM', () => {
    const text = String(writeCsv(allTypes(), { bom: false, lineEnding: '\n' }).data);
    expect(text.startsWith('id,')).toBe(true);
    expect(text).not.toContain('\r\n');
  });
});

describe('formula injection', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run, and only to those', () => {
    for (const dangerous of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=already"])
      expect(escapeFormula(dangerous)).toBe(`'${dangerous}`);
    for (const safe of ['E11.9', "it's", "'plain", '', 'a=b']) expect(escapeFormula(safe)).toBe(safe);
  });

  it('unescape undoes escape for any text', () => {
    for (const s of ['=1+1', "''=x", "'", "'a", '-', '@', 'x'])
      expect(unescapeFormula(escapeFormula(s))).toBe(s);
  });

  it('an exported CSV holds no cell that starts a formula', () => {
    const items = allTypes().map((item) => ({ ...item, stem: '=cmd|"/c calc"!A0', rationale: '@SUM(1+1)' }));
    const text = String(writeCsv(items).data).slice(1);
    const rows = parse(text) as string[][];
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const back = parseCsv(writeCsv(items).data);
    expect(back.items.map((i) => [i.stem, i.rationale])).toEqual(
      items.filter((i) => i.type !== 'scenario').map((i) => [i.stem, i.rationale]),
    );
  });

  it('the fixture file keeps its escaped cells escaped on disk', () => {
    expect(fixtureText('csv/sample.csv')).toContain(`"'=HYPERLINK(`);
  });
});
