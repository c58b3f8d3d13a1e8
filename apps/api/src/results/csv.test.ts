import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, defuseFormula, safeFilename } from './csv';

describe('CSV cells', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rReturn', "'\rReturn"],
  ])('defuses a cell a spreadsheet would run as a formula: %j', (input, output) => {
    expect(defuseFormula(input)).toBe(output);
  });

  it('leaves ordinary text alone, including formula characters after the first', () => {
    expect(defuseFormula('Ana = 1')).toBe('Ana = 1');
    expect(defuseFormula('a@b.test')).toBe('a@b.test');
    expect(csvCell("O'Brien")).toBe("O'Brien");
  });

  it('quotes per RFC 4180: fields with quotes, commas, CR or LF; quotes doubled', () => {
    expect(csvCell('Bob, "The Builder"')).toBe('"Bob, ""The Builder"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses before quoting, so the apostrophe ends up inside the quotes', () => {
    expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
    expect(csvCell('\rx')).toBe('"\'\rx"');
  });

  it('writes numbers as numbers (never defused) and empty cells for null', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(83.33)).toBe('83.33');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes a document with a BOM and CRLF after every row', () => {
    expect(
      csvDocument(
        ['a', 'b'],
        [
          [1, 'x,y'],
          [null, '=1'],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n1,"x,y"\r\n,\'=1\r\n');
  });
});

describe('safe file names', () => {
  it('keeps ASCII letters, digits, dot, dash and underscore only', () => {
    expect(safeFilename('results-CPC mock/2026 "final"; rm -rf', 'csv')).toBe(
      'results-CPC-mock-2026-final-rm-rf.csv',
    );
    expect(safeFilename('Résumé — Zoë', 'csv')).toBe('Resume-Zoe.csv');
    expect(safeFilename('../../etc/passwd', 'csv')).toBe('etc-passwd.csv');
    expect(safeFilename('"";\r\n', 'csv')).toBe('export.csv');
  });

  it('caps the length', () => {
    const name = safeFilename('x'.repeat(500), 'csv');
    expect(name.length).toBe(100);
    expect(name.endsWith('.csv')).toBe(true);
  });
});
