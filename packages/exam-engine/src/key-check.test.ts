import { describe, expect, it } from 'vitest';
import { createCodeSet } from './codeset';
import { type Item, type ItemInput, itemSchema } from './item';
import { checkItemKey } from './key-check';

const META = {
  id: 'q1',
  domain: 'cmc-diagnosis-coding',
  codeSetYear: 2026,
  stem: 'Code it.',
  rationale: 'Because.',
};
const OPTIONS = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Option ${id}` }));

/** A parsed item (defaults applied). */
const makeItem = (input: Record<string, unknown>): Item =>
  itemSchema.parse({ ...META, ...input } as ItemInput);

/** A fill-in item from blanks and their keys. */
const fillIn = (blanks: Record<string, unknown>[], key: Record<string, unknown>) =>
  makeItem({ type: 'fill-in', blanks, key });

const codeSet = createCodeSet();
codeSet.loadIcd10Cm(['code\tbillable', 'E11\t0', 'E119\t1', 'I10\t1'].join('\n'));
codeSet.loadHcpcs(['code\tlong_description', 'J1885\tInjection, ketorolac'].join('\n'));

describe('checkItemKey', () => {
  it('finds nothing wrong with a sound key, with or without a code set', () => {
    const item = fillIn(
      [
        { id: 'b1', kind: 'icd10cm' },
        { id: 'b2', kind: 'procedure-line' },
        { id: 'b3', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
        { id: 'b4', kind: 'number' },
        { id: 'b5', kind: 'text' },
      ],
      {
        b1: { kind: 'icd10cm', accepted: ['E11.9', 'e119'] },
        b2: { kind: 'procedure-line', accepted: [{ code: 'J1885', modifiers: ['RT', 'LT'], units: 2 }] },
        b3: { kind: 'code-list', codes: [{ code: 'E11.9' }, { code: 'I10', optional: true }] },
        b4: { kind: 'number', accepted: [2] },
        b5: { kind: 'text', accepted: ['excludes1'] },
      },
    );
    expect(checkItemKey(item)).toEqual({ errors: [], warnings: [] });
    expect(checkItemKey(item, codeSet)).toEqual({ errors: [], warnings: [] });
  });

  it('ignores choice items, whose keys the item schema already checks', () => {
    expect(checkItemKey(makeItem({ type: 'multiple-choice', options: OPTIONS, key: 'a' }), codeSet)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('reports a malformed key code as an error at its field path', () => {
    const item = fillIn([{ id: 'b1', kind: 'icd10cm' }], {
      b1: { kind: 'icd10cm', accepted: ['E11.9', 'E1.19'] },
    });
    expect(checkItemKey(item).errors).toEqual([
      {
        path: 'key.b1.accepted.1',
        message: '"E1.19" is not a valid ICD-10-CM code (the dot goes after the 3rd character)',
      },
    ]);
  });

  it('warns about a well-formed code the loaded set lacks, and a non-billable header', () => {
    const item = fillIn([{ id: 'b1', kind: 'icd10cm' }], {
      b1: { kind: 'icd10cm', accepted: ['E11.99', 'E11', 'E11.9'] },
    });
    expect(checkItemKey(item, codeSet)).toEqual({
      errors: [],
      warnings: [
        { path: 'key.b1.accepted.0', message: 'E11.99 is not in the loaded ICD-10-CM code set' },
        { path: 'key.b1.accepted.1', message: 'E11 is a header code, not valid for billing' },
      ],
    });
    expect(checkItemKey(item).warnings).toEqual([]);
  });

  it('does not warn for kinds whose table is not loaded', () => {
    const item = fillIn([{ id: 'b1', kind: 'cpt' }], { b1: { kind: 'cpt', accepted: ['99213'] } });
    expect(checkItemKey(item, codeSet)).toEqual({ errors: [], warnings: [] });
  });

  it('requires a procedure line code to be CPT or HCPCS, with well-formed, distinct modifiers', () => {
    const item = fillIn([{ id: 'px', kind: 'procedure-line' }], {
      px: {
        kind: 'procedure-line',
        accepted: [
          { code: 'E11.9', modifiers: ['25'] },
          { code: '99213', modifiers: ['2', 'RT', 'rt'] },
          { code: 'J9999' },
        ],
      },
    });
    expect(checkItemKey(item, codeSet)).toEqual({
      errors: [
        {
          path: 'key.px.accepted.0.code',
          message: '"E11.9" is not a CPT or HCPCS Level II code: a procedure line needs one',
        },
        {
          path: 'key.px.accepted.1.modifiers.0',
          message: '"2" is not a valid modifier code (a modifier is 2 letters or digits)',
        },
        { path: 'key.px.accepted.1.modifiers.2', message: 'modifier RT is listed twice' },
      ],
      warnings: [
        { path: 'key.px.accepted.2.code', message: 'J9999 is not in the loaded HCPCS Level II code set' },
      ],
    });
  });

  it('checks code lists: codes, repeats, at least one required, the principal', () => {
    const item = fillIn(
      [
        { id: 'dx', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
        { id: 'more', kind: 'code-list', codeKind: 'icd10cm' },
      ],
      {
        dx: {
          kind: 'code-list',
          codes: [{ code: 'I10', optional: true }, { code: 'E119' }, { code: 'E11.9' }, { code: 'E1.19' }],
        },
        more: { kind: 'code-list', codes: [{ code: 'I10', optional: true }] },
      },
    );
    const { errors, warnings } = checkItemKey(item);
    expect(errors).toEqual([
      { path: 'key.dx.codes.2.code', message: 'E11.9 is listed twice' },
      {
        path: 'key.dx.codes.3.code',
        message: '"E1.19" is not a valid ICD-10-CM code (the dot goes after the 3rd character)',
      },
      { path: 'key.more.codes', message: 'at least one code must be required (not optional)' },
    ]);
    expect(warnings).toEqual([
      {
        path: 'key.dx.codes.0.optional',
        message: 'the first code is optional, so the principal-first rule is not applied',
      },
    ]);
  });

  it('prefixes scenario sub-item paths', () => {
    const item = makeItem({
      type: 'scenario',
      caseText: 'Case.',
      subItems: [
        { id: 's1', type: 'multiple-choice', stem: 'Which?', options: OPTIONS, key: 'a' },
        {
          id: 's2',
          type: 'fill-in',
          stem: 'Code it',
          blanks: [{ id: 'b2', kind: 'code-list', codeKind: 'icd10pcs' }],
          key: { b2: { kind: 'code-list', codes: [{ code: '0DTJ4ZO' }] } },
        },
      ],
    });
    expect(checkItemKey(item).errors).toEqual([
      {
        path: 'subItems.1.key.b2.codes.0.code',
        message: '"0DTJ4ZO" is not a valid ICD-10-PCS code (ICD-10-PCS never uses the letters I or O)',
      },
    ]);
  });

  it('skips a code-list key whose blank is missing (the schema reports that)', () => {
    const item = fillIn([{ id: 'b1', kind: 'text' }], { b1: { kind: 'text', accepted: ['x'] } });
    if (item.type !== 'fill-in') throw new Error('fill-in expected');
    const orphan = {
      ...item,
      key: { ...item.key, b9: { kind: 'code-list' as const, codes: [{ code: 'E1.19', optional: false }] } },
    };
    expect(checkItemKey(orphan)).toEqual({ errors: [], warnings: [] });
  });
});
