import { describe, expect, it } from 'vitest';
import { type Item, type ItemInput, itemSchema } from './item';
import { studentView } from './student-view';

const META = { domain: 'ccs-medical-scenarios', codeSetYear: 2026, stem: 'Code the encounter.' };

/** A parsed item (defaults applied). */
const makeItem = (input: Record<string, unknown>): Item =>
  itemSchema.parse({ ...META, ...input } as ItemInput);

const options = (prefix: string) =>
  ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    text: `${prefix} option ${id}`,
    rationale: `SECRET-OPTION-RATIONALE-${prefix}-${id}`,
  }));

/** A pretest scenario with every kind of key material, each secret spelled distinctively. */
const scenario = makeItem({
  id: 'scn-1',
  type: 'scenario',
  scored: false,
  tags: ['SECRET-TAG'],
  difficulty: 'hard',
  rationale: 'SECRET-ITEM-RATIONALE',
  caseText: 'Patient seen for follow-up of type 2 diabetes.',
  subItems: [
    {
      id: 's1',
      type: 'multiple-choice',
      stem: 'Principal diagnosis?',
      rationale: 'SECRET-SUB-RATIONALE-1',
      options: options('s1'),
      key: 'c',
    },
    {
      id: 's2',
      type: 'multiple-response',
      stem: 'Select 2',
      rationale: 'SECRET-SUB-RATIONALE-2',
      options: options('s2'),
      key: ['a', 'd'],
      select: 2,
      partialCredit: 'proportional',
    },
    {
      id: 's3',
      type: 'fill-in',
      stem: 'Code it',
      rationale: 'SECRET-SUB-RATIONALE-3',
      blanks: [
        { id: 'dx', label: 'Diagnoses', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
        { id: 'px', label: 'Procedure', kind: 'procedure-line' },
        { id: 'pcs', kind: 'icd10pcs' },
        { id: 'n', kind: 'number' },
        { id: 't', kind: 'text' },
      ],
      key: {
        dx: { kind: 'code-list', codes: [{ code: 'E11.65' }, { code: 'Z79.84', optional: true }] },
        px: { kind: 'procedure-line', accepted: [{ code: '20611', modifiers: ['XS'], units: 3 }] },
        pcs: { kind: 'icd10pcs', accepted: ['0DTJ4ZZ'] },
        n: { kind: 'number', accepted: [4242], tolerance: 0.25 },
        t: { kind: 'text', accepted: ['SECRET-TEXT-ANSWER'] },
      },
    },
  ],
});

describe('studentView', () => {
  it('keeps what the student needs to answer', () => {
    expect(studentView(scenario)).toEqual({
      id: 'scn-1',
      version: 1,
      domain: 'ccs-medical-scenarios',
      codeSetYear: 2026,
      stem: 'Code the encounter.',
      type: 'scenario',
      caseText: 'Patient seen for follow-up of type 2 diabetes.',
      subItems: [
        {
          id: 's1',
          stem: 'Principal diagnosis?',
          type: 'multiple-choice',
          options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `s1 option ${id}` })),
        },
        {
          id: 's2',
          stem: 'Select 2',
          type: 'multiple-response',
          select: 2,
          options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `s2 option ${id}` })),
        },
        {
          id: 's3',
          stem: 'Code it',
          type: 'fill-in',
          blanks: [
            { id: 'dx', label: 'Diagnoses', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
            { id: 'px', label: 'Procedure', kind: 'procedure-line' },
            { id: 'pcs', label: '', kind: 'icd10pcs' },
            { id: 'n', label: '', kind: 'number' },
            { id: 't', label: '', kind: 'text' },
          ],
        },
      ],
    });
  });

  it('leaks no key, accepted answer, rationale, tag or scored flag (key-leak test)', () => {
    const json = JSON.stringify(studentView(scenario));
    for (const field of [
      'key',
      'accepted',
      'codes',
      'rationale',
      'scored',
      'tags',
      'difficulty',
      'partialCredit',
      'tolerance',
      'optional',
    ])
      expect(json).not.toContain(`"${field}"`);
    for (const secret of ['SECRET', 'E11.65', 'Z79.84', '20611', '"XS"', '0DTJ4ZZ', '4242', 'false', 'hard'])
      expect(json).not.toContain(secret);
  });

  it('leaks nothing from top-level items of each type either', () => {
    const items = [
      makeItem({
        id: 'mc',
        type: 'multiple-choice',
        rationale: 'SECRET-R',
        options: options('mc'),
        key: 'b',
      }),
      makeItem({
        id: 'mr',
        type: 'multiple-response',
        rationale: 'SECRET-R',
        options: options('mr'),
        key: ['b', 'c'],
      }),
      makeItem({
        id: 'fi',
        type: 'fill-in',
        rationale: 'SECRET-R',
        blanks: [{ id: 'b1', kind: 'icd10cm' }],
        key: { b1: { kind: 'icd10cm', accepted: ['T39.1X1A'] } },
      }),
    ];
    for (const item of items) {
      const view = studentView(item);
      const json = JSON.stringify(view);
      expect(json).not.toContain('SECRET');
      expect(json).not.toContain('T39.1X1A');
      expect(Object.keys(view).sort()).toEqual(
        [
          'codeSetYear',
          'domain',
          'id',
          'stem',
          'type',
          'version',
          item.type === 'fill-in' ? 'blanks' : 'options',
          ...(item.type === 'multiple-response' ? ['select'] : []),
        ].sort(),
      );
    }
  });

  it('applies a drawn option order per question id, sub-items included', () => {
    const mc = makeItem({
      id: 'mc',
      type: 'multiple-choice',
      rationale: 'R',
      options: options('mc'),
      key: 'b',
    });
    const view = studentView(mc, { mc: ['d', 'b', 'a', 'c'] });
    expect(view.type === 'multiple-choice' && view.options.map((o) => o.id)).toEqual(['d', 'b', 'a', 'c']);

    const shuffled = studentView(scenario, {
      s1: ['b', 'a', 'd', 'c'],
      s2: ['c', 'd', 'b', 'a'],
      'scn-1': ['x'],
    });
    if (shuffled.type !== 'scenario') throw new Error('scenario expected');
    const ids = shuffled.subItems.map((s) => (s.type === 'fill-in' ? null : s.options.map((o) => o.id)));
    expect(ids).toEqual([['b', 'a', 'd', 'c'], ['c', 'd', 'b', 'a'], null]);
  });

  it('shows every option once even when the recorded order is stale', () => {
    const mc = makeItem({
      id: 'mc',
      type: 'multiple-choice',
      rationale: 'R',
      options: options('mc'),
      key: 'b',
    });
    const view = studentView(mc, { mc: ['c', 'gone', 'c', 'a'] });
    expect(view.type === 'multiple-choice' && view.options.map((o) => o.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('does not share objects with the item', () => {
    const fi = makeItem({
      id: 'fi',
      type: 'fill-in',
      rationale: 'R',
      blanks: [{ id: 'b1', kind: 'cpt' }],
      key: { b1: { kind: 'cpt', accepted: ['99213'] } },
    });
    const view = studentView(fi);
    if (view.type !== 'fill-in' || fi.type !== 'fill-in') throw new Error('fill-in expected');
    expect(view.blanks[0]).not.toBe(fi.blanks[0]);
  });
});
