import { describe, expect, it } from 'vitest';
import type { ItemBody } from './api';
import { checkBody, codeProblem, modifiersProblem, procedureCodeProblem } from './check';
import { fromBody, keyChanged, newBlank, newDraft, nextOptionId, toBody } from './draft';
import { studentView } from './student-view';
import { mcBody } from './test-utils';

const fillIn: ItemBody = {
  id: 'cmc-001',
  version: 1,
  type: 'fill-in',
  domain: 'cmc-surgery',
  tags: [],
  difficulty: 'hard',
  codeSetYear: 2026,
  scored: false,
  stem: 'Code the encounter.',
  rationale: 'Because.',
  partialCredit: 'proportional',
  blanks: [
    { id: 'b1', label: 'Diagnoses', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
    { id: 'b2', label: 'Procedure', kind: 'procedure-line' },
    { id: 'b3', label: 'Minutes', kind: 'number' },
    { id: 'b4', label: 'Drug', kind: 'text' },
    { id: 'b5', label: 'CPT', kind: 'cpt' },
  ],
  key: {
    b1: {
      kind: 'code-list',
      codes: [
        { code: 'E11.22', optional: false },
        { code: 'Z79.4', optional: true },
      ],
    },
    b2: { kind: 'procedure-line', accepted: [{ code: '11042', modifiers: ['59', 'LT'], units: 2 }] },
    b3: { kind: 'number', accepted: [30], tolerance: 0.5 },
    b4: { kind: 'text', accepted: ['insulin'] },
    b5: { kind: 'cpt', accepted: ['99213', '99214'] },
  },
};

const scenario: ItemBody = {
  id: 'ccs-s1',
  version: 1,
  type: 'scenario',
  domain: 'ccs-inpatient',
  tags: ['sepsis'],
  difficulty: 'medium',
  codeSetYear: 2026,
  scored: true,
  stem: 'Answer about the record.',
  rationale: 'Guideline I.C.1.d.',
  caseText: 'Discharge summary…',
  subItems: [
    {
      id: 'q1',
      type: 'multiple-choice',
      stem: 'Principal diagnosis?',
      rationale: '',
      options: mcBody.type === 'multiple-choice' ? mcBody.options : [],
      key: 'B',
    },
    {
      id: 'q2',
      type: 'multiple-response',
      stem: 'Additional diagnoses?',
      rationale: '',
      options: mcBody.type === 'multiple-choice' ? mcBody.options : [],
      key: ['A', 'C'],
      select: null,
      partialCredit: 'proportional',
    },
  ],
};

/** The parts of a body the draft keeps (version is the server's). */
const authored = (body: ItemBody) => {
  const { version: _, ...rest } = body as ItemBody & { version?: number };
  return rest;
};

describe('the editor draft', () => {
  it.each([
    ['multiple choice', mcBody],
    ['fill-in with every blank kind', fillIn],
    ['scenario with sub-items', scenario],
  ])('turns a saved %s back into the same body', (_, body) => {
    expect(toBody(fromBody(body))).toEqual(authored(body));
  });

  it('keeps a typed number that is not a number as typed, so the server names the field', () => {
    const draft = { ...newDraft('fill-in'), codeSetYear: 'twenty' };
    draft.blanks = [{ ...newBlank('b1', 'number'), accepted: [{ uid: 'x', value: '1,5' }] }];
    const body = toBody(draft) as { codeSetYear: unknown; key: { b1: { accepted: unknown[] } } };
    expect(body.codeSetYear).toBe('twenty');
    expect(body.key.b1.accepted).toEqual(['1,5']);
  });

  it('sends a multiple-response "select N" as the number of keyed options, or null for all that apply', () => {
    const draft = fromBody(scenario);
    const mr = draft.subItems[1];
    expect(mr?.selectCount).toBe(false);
    const body = toBody({
      ...draft,
      subItems: draft.subItems.map((s, i) => (i === 1 ? { ...s, selectCount: true } : s)),
    }) as { subItems: { select?: number | null }[] };
    expect(body.subItems[1]?.select).toBe(2);
  });

  it('splits modifiers typed with spaces, commas or hyphens', () => {
    const draft = fromBody(fillIn);
    draft.blanks[1] = {
      ...(draft.blanks[1] as NonNullable<(typeof draft.blanks)[1]>),
      lines: [{ uid: 'l', code: '11042', modifiers: '59-LT, RT', units: '1' }],
    };
    const body = toBody(draft) as { key: { b2: { accepted: { modifiers: string[] }[] } } };
    expect(body.key.b2.accepted[0]?.modifiers).toEqual(['59', 'LT', 'RT']);
  });

  it('names the next option after the letters taken', () => {
    expect(nextOptionId([{ id: 'A' }, { id: 'C' }])).toBe('B');
  });

  it('tells a key change from a wording change', () => {
    const reworded = { ...mcBody, stem: 'Reworded?' } as ItemBody;
    const rekeyed = { ...mcBody, key: 'B' } as ItemBody;
    expect(keyChanged(mcBody, reworded)).toBe(false);
    expect(keyChanged(mcBody, rekeyed)).toBe(true);
    const b3 = {
      ...fillIn,
      key: { ...(fillIn as { key: object }).key, b3: { kind: 'number', accepted: [30], tolerance: 1 } },
    };
    expect(keyChanged(fillIn, b3 as ItemBody)).toBe(true);
  });

  it('previews what a student sees and nothing of the key', () => {
    const view = studentView(fromBody(fillIn), 3);
    expect(view).toMatchObject({ type: 'fill-in', version: 3, stem: 'Code the encounter.' });
    const text = JSON.stringify(view);
    for (const secret of ['E11.22', '11042', 'insulin', 'Because', 'proportional', 'scored', 'rationale'])
      expect(text).not.toContain(secret);
    const mr = studentView(fromBody(scenario));
    expect(mr.type === 'scenario' && mr.subItems[1]).toMatchObject({
      type: 'multiple-response',
      select: null,
    });
  });
});

describe('client-side checks', () => {
  it('reads code shapes as domain.md defines them', () => {
    expect(codeProblem('icd10cm', 'e11.9')).toBeNull();
    expect(codeProblem('icd10cm', 'E119')).toBeNull();
    expect(codeProblem('icd10cm', 'E1.19')).toMatch(/dot goes after the 3rd character/);
    expect(codeProblem('icd10pcs', '0JH60DZ')).toBeNull();
    expect(codeProblem('icd10pcs', '0JH6ODZ')).toMatch(/never uses the letters I or O/);
    expect(codeProblem('cpt', '0001U')).toBeNull();
    expect(codeProblem('cpt', '9921')).toMatch(/CPT code is 5 digits/);
    expect(codeProblem('hcpcs', 'W1234')).toMatch(/letter A-V/);
    expect(codeProblem('modifier', '25')).toBeNull();
    expect(codeProblem('cpt', '')).toBeNull();
    expect(procedureCodeProblem('J1885')).toBeNull();
    expect(procedureCodeProblem('E11.9')).toMatch(/not a CPT or HCPCS/);
    expect(modifiersProblem('25 25')).toMatch(/listed twice/);
    expect(modifiersProblem('5')).toMatch(/not a modifier/);
  });

  it('finds problems with the paths the server uses', () => {
    const draft = fromBody(scenario);
    draft.id = 'has space';
    draft.domain = 'Surgery';
    draft.codeSetYear = '1999';
    const q2 = draft.subItems[1];
    if (q2) q2.options = q2.options.map((o) => ({ ...o, correct: true }));
    draft.subItems.push({ ...fromBody(fillIn), uid: 'z', id: 'q3', type: 'fill-in' } as never);
    const q3 = draft.subItems[2];
    if (q3) {
      const codes = q3.blanks[0]?.codes;
      if (codes) codes[0] = { uid: 'c', code: 'E1.22', optional: false };
      if (q3.blanks[1]) q3.blanks[1].lines = [{ uid: 'l', code: '11042', modifiers: '5', units: '0' }];
    }
    const paths = checkBody(toBody(draft)).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'domain',
        'codeSetYear',
        'subItems.1.key',
        'subItems.2.key.b1.codes.0.code',
        'subItems.2.key.b2.accepted.0.modifiers',
        'subItems.2.key.b2.accepted.0.units',
      ]),
    );
  });

  it('passes a well-formed item', () => {
    expect(checkBody(toBody(fromBody(fillIn)))).toEqual([]);
    expect(checkBody(toBody(fromBody(scenario)))).toEqual([]);
  });
});
