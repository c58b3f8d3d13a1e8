import { describe, expect, it } from 'vitest';
import { isFormatError } from './errors';
import { escapeGift, parseGift, unescapeGift, writeGift } from './gift';
import { allTypes, fixtureText } from './test-helpers';

describe('GIFT reader', () => {
  const preview = parseGift(fixtureText('gift/all-constructs.gift'));
  const byId = new Map(preview.items.map((i) => [i.id, i]));

  it('reads multiple choice with per-answer feedback, general feedback and escapes', () => {
    const item = byId.get('dm2');
    expect(item).toMatchObject({
      type: 'multiple-choice',
      domain: 'icd-10-cm',
      tags: ['CPC'],
      stem: 'Type 2 diabetes mellitus without complications is coded as',
      key: 'A',
      rationale: 'Category E11 = type 2 diabetes {see the Tabular}.',
    });
    if (item?.type !== 'multiple-choice') throw new Error('mc expected');
    expect(item.options.map((o) => [o.id, o.text, o.rationale])).toEqual([
      ['A', 'E11.9', 'Right: E11 is type 2.'],
      ['B', 'E10.9', 'Wrong: type 1.'],
      ['C', 'E11.65', 'Wrong: no hyperglycemia.'],
      ['D', 'R73.9', ''],
    ]);
  });

  it('reads short answers as fill-in blanks whose kind comes from the code shapes', () => {
    expect(byId.get('short-code')).toMatchObject({
      type: 'fill-in',
      blanks: [{ id: 'b1', kind: 'icd10cm' }],
      key: { b1: { kind: 'icd10cm', accepted: ['E11.9', 'E119'] } },
      rationale: 'The dot is optional.',
    });
    expect(byId.get('modifier')).toMatchObject({ blanks: [{ kind: 'modifier' }] });
    expect(byId.get('proc-line')).toMatchObject({
      key: { b1: { kind: 'procedure-line', accepted: [{ code: '99213', modifiers: ['25'], units: 1 }] } },
    });
    expect(byId.get('list')).toMatchObject({
      blanks: [{ kind: 'code-list', codeKind: 'icd10cm' }],
      key: { b1: { codes: [{ code: 'I12.9' }, { code: 'N18.31' }] } },
    });
    expect(byId.get('escapes')).toMatchObject({
      stem: 'A stem with ~ tilde, # hash, : colon and a backslash \\ here.\nSecond line.',
      blanks: [{ kind: 'text' }],
      key: { b1: { accepted: ['text answer = equals'] } },
    });
  });

  it('reads a missing-word question with a blank in the stem', () => {
    expect(byId.get('missing-word')?.stem).toBe('The code for essential hypertension is _____ in ICD-10-CM.');
  });

  it('applies a coderprep meta comment and converts [html] text', () => {
    expect(byId.get('pcs-1')).toMatchObject({
      difficulty: 'hard',
      codeSetYear: 2025,
      scored: false,
      stem: 'Laparoscopic cholecystectomy: enter the ICD-10-PCS code.',
      blanks: [{ id: 'pcs', label: 'PCS code', kind: 'icd10pcs' }],
    });
  });

  it('reads numerical answers with tolerance and ranges', () => {
    expect(byId.get('units')).toMatchObject({
      key: { b1: { kind: 'number', accepted: [3], tolerance: 0.5 } },
    });
    expect(byId.get('range')).toMatchObject({
      key: { b1: { kind: 'number', accepted: [3], tolerance: 2 } },
      rationale: 'Anything from 1 to 5.',
    });
  });

  it('reads weighted answers as multiple response and $CATEGORY as domain and tags', () => {
    expect(byId.get('mr-weights')).toMatchObject({
      type: 'multiple-response',
      domain: 'hcpcs',
      tags: [],
      key: ['A', 'B'],
    });
  });

  it('reports unsupported questions with their line, and puts a placeholder rationale with a warning', () => {
    const errors = preview.errors.map((e) => [e.itemId, e.line, e.message]);
    expect(errors).toEqual([
      ['true-false', 42, expect.stringContaining('true/false')],
      ['essay', 44, expect.stringContaining('essay')],
      ['matching', 46, expect.stringContaining('matching')],
      [expect.stringMatching(/^gift-/), 48, expect.stringContaining('no answer block')],
    ]);
    expect(preview.warnings).toContainEqual(
      expect.objectContaining({ itemId: 'modifier', message: expect.stringContaining('placeholder') }),
    );
    expect(preview.items).toHaveLength(11);
  });

  it('refuses an unclosed answer block as an item error, not a crash', () => {
    const p = parseGift('::a:: stem {=x ~y');
    expect(p.items).toEqual([]);
    expect(p.errors[0]?.message).toContain('not closed');
  });

  it('refuses text that is not UTF-8 with a FormatError', () => {
    try {
      parseGift(new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
      expect.unreachable();
    } catch (error) {
      expect(isFormatError(error, 'not-utf8')).toBe(true);
    }
  });
});

describe('GIFT writer', () => {
  it('escapes special characters and line breaks', () => {
    expect(escapeGift('a:b#c=d{e}f~g\\h\ni')).toBe('a\\:b\\#c\\=d\\{e\\}f\\~g\\\\h\\ni');
    expect(unescapeGift(escapeGift('a:b#c=d{e}f~g\\h\ni'))).toBe('a:b#c=d{e}f~g\\h\ni');
  });

  it('writes categories, titles, weights and a meta comment; leaves out what GIFT cannot hold', () => {
    const { data, report } = writeGift(allTypes());
    expect(data).toContain('$CATEGORY: $course$/top/diabetes/endocrine/icd-10-cm');
    expect(data).toContain('::fx-mc-1::');
    expect(data).toContain('~%50%I12.9#');
    expect(data).toContain(
      '// coderprep: difficulty=hard; codeSetYear=2026; scored=false; select=2; partialCredit=proportional',
    );
    expect(report.written).toBe(4);
    expect(report.leftOut).toEqual([
      { itemId: 'fx-fill-1', reason: expect.stringContaining('one blank') },
      { itemId: 'fx-scenario-1', reason: expect.stringContaining('scenario') },
    ]);
  });
});
