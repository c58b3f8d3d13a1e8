import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodeSet } from './codeset';
import { EngineError } from './errors';
import {
  type BlankGrade,
  type CodeListGrade,
  type Grade,
  gradeResponse,
  type ProcedureLineGrade,
} from './grading';
import { type Item, type ItemInput, itemSchema, type PartialCredit, type SubItem } from './item';
import type { BlankResponse, Response } from './response';

// ---------------------------------------------------------------- builders

const META = {
  id: 'q1',
  domain: 'icd-10-cm',
  codeSetYear: 2026,
  stem: 'Which code?',
  rationale: 'Guideline I.A.1.',
};
const OPTIONS = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Option ${id}`, rationale: `why ${id}` }));

/** A parsed item (defaults applied) from the fields a test cares about. */
const makeItem = (input: Record<string, unknown>): Item =>
  itemSchema.parse({ ...META, ...input } as ItemInput);

/** A fill-in item with one blank "b1". */
const fillIn = (
  blank: Record<string, unknown>,
  key: Record<string, unknown>,
  partialCredit: PartialCredit = 'all-or-nothing',
) => makeItem({ type: 'fill-in', blanks: [{ id: 'b1', ...blank }], key: { b1: key }, partialCredit });

/** Grades one answer to blank "b1". */
const answer = (item: Item, value: BlankResponse | undefined, options = {}) =>
  gradeResponse(item, { type: 'fill-in', blanks: value === undefined ? {} : { b1: value } }, options);

/** The only blank's grade. */
const blankOf = (grade: Grade): BlankGrade => {
  if (grade.detail.type !== 'fill-in') throw new Error('not a fill-in grade');
  return grade.detail.blanks[0] as BlankGrade;
};

/** Runs `fn` and returns the EngineError it throws. */
function engineErrorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError');
}

const codeSet = createCodeSet();
codeSet.loadIcd10Cm(
  [
    'code\tbillable\tlong_description',
    'E11\t0\tType 2 diabetes mellitus',
    'E119\t1\tType 2 diabetes mellitus without complications',
    'E118\t1\tType 2 diabetes mellitus with unspecified complications',
    'I10\t1\tEssential (primary) hypertension',
    'Z794\t1\tLong term (current) use of insulin',
  ].join('\n'),
);
codeSet.loadHcpcs('code\tlong_description\nJ1885\tInjection, ketorolac tromethamine, per 15 mg');

// ---------------------------------------------------------------- choices

describe('multiple choice', () => {
  const item = makeItem({ type: 'multiple-choice', options: OPTIONS, key: 'b' });

  it('scores the key 1 and says why', () => {
    const grade = gradeResponse(item, { type: 'multiple-choice', choice: 'b' });
    expect(grade).toEqual({
      score: 1,
      correct: true,
      answered: true,
      detail: { type: 'multiple-choice', chosen: 'b', key: 'b', correct: true },
      feedback: { rationale: 'Guideline I.A.1.', messages: [{ about: 'b', text: 'why b' }] },
    });
  });

  it('scores another option 0 and shows its rationale and the key rationale', () => {
    const grade = gradeResponse(item, { type: 'multiple-choice', choice: 'c' });
    expect(grade).toMatchObject({ score: 0, correct: false, answered: true });
    expect(grade.feedback.messages).toEqual([
      { about: 'b', text: 'why b' },
      { about: 'c', text: 'why c' },
    ]);
  });

  it('reports a cleared or missing choice as unanswered', () => {
    for (const response of [undefined, { type: 'multiple-choice', choice: null } as const]) {
      const grade = gradeResponse(item, response);
      expect(grade).toMatchObject({ score: 0, correct: false, answered: false });
      expect(grade.detail).toMatchObject({ chosen: null, key: 'b' });
    }
  });

  it('scores an id that is not an option as wrong', () => {
    expect(gradeResponse(item, { type: 'multiple-choice', choice: 'z' })).toMatchObject({
      score: 0,
      answered: true,
    });
  });

  it('refuses a response of another type', () => {
    const error = engineErrorOf(() => gradeResponse(item, { type: 'multiple-response', choices: ['b'] }));
    expect(error.code).toBe('invalid-response');
    expect(error.message).toContain('multiple-response response cannot answer multiple-choice item "q1"');
  });
});

describe('multiple response', () => {
  const item = (partialCredit: PartialCredit) =>
    makeItem({ type: 'multiple-response', options: OPTIONS, key: ['a', 'b'], partialCredit });
  const choose = (partialCredit: PartialCredit, ...choices: string[]) =>
    gradeResponse(item(partialCredit), { type: 'multiple-response', choices });

  it('all-or-nothing: exactly the keyed set, in any order', () => {
    expect(choose('all-or-nothing', 'b', 'a').score).toBe(1);
    expect(choose('all-or-nothing', 'a').score).toBe(0);
    expect(choose('all-or-nothing', 'a', 'b', 'c').score).toBe(0);
  });

  it('proportional: (right chosen - wrong chosen) / keyed, never below 0', () => {
    expect(choose('proportional', 'a').score).toBe(0.5);
    expect(choose('proportional', 'a', 'b', 'c').score).toBe(0.5);
    expect(choose('proportional', 'a', 'c').score).toBe(0);
    expect(choose('proportional', 'c', 'd').score).toBe(0);
    expect(choose('proportional', 'a', 'b', 'c', 'd').score).toBe(0);
    expect(choose('proportional', 'a', 'b')).toMatchObject({ score: 1, correct: true });
  });

  it('counts a repeated choice once and an unknown id as a wrong choice', () => {
    const grade = choose('proportional', 'a', 'a', 'b', 'zz');
    expect(grade.score).toBe(0.5);
    expect(grade.detail).toMatchObject({ unknownChoices: ['zz'], rightChosen: 2, wrongChosen: 1 });
  });

  it('details every option and shows rationales of chosen and keyed options', () => {
    const grade = choose('all-or-nothing', 'a', 'c');
    expect(grade.detail).toMatchObject({
      options: [
        { id: 'a', chosen: true, keyed: true },
        { id: 'b', chosen: false, keyed: true },
        { id: 'c', chosen: true, keyed: false },
        { id: 'd', chosen: false, keyed: false },
      ],
    });
    expect(grade.feedback.messages.map((m) => m.about)).toEqual(['a', 'b', 'c']);
  });

  it('reports no choices as unanswered', () => {
    expect(choose('proportional')).toMatchObject({ score: 0, answered: false });
    expect(gradeResponse(item('proportional'), undefined)).toMatchObject({ score: 0, answered: false });
  });
});

// ---------------------------------------------------------------- single codes

describe('a code blank', () => {
  const item = fillIn({ kind: 'icd10cm' }, { kind: 'icd10cm', accepted: ['E11.9'] });

  it.each(['E11.9', 'e11.9', 'E119', '  e119 '])('accepts %j', (typed) => {
    const grade = answer(item, typed);
    expect(grade).toMatchObject({ score: 1, correct: true, answered: true });
    expect(blankOf(grade)).toMatchObject({
      status: 'correct',
      entered: typed,
      normalised: 'E11.9',
      accepted: ['E11.9'],
      message: 'E11.9 is correct.',
    });
  });

  it('marks a dot in the wrong place malformed, and says so', () => {
    expect(blankOf(answer(item, 'E1.19'))).toMatchObject({
      status: 'malformed',
      score: 0,
      normalised: null,
      message: 'E1.19 is not a valid ICD-10-CM code format (the dot goes after the 3rd character).',
    });
  });

  it('marks another well-formed code wrong', () => {
    expect(blankOf(answer(item, 'E11.8'))).toMatchObject({
      status: 'wrong',
      normalised: 'E11.8',
      message: 'E11.8 is well-formed but not the answer.',
    });
  });

  it('with a loaded code set: a code the set lacks is unknown (and wrong), a header says so', () => {
    expect(blankOf(answer(item, 'E11.99', { codeSet }))).toMatchObject({
      status: 'unknown-code',
      score: 0,
      message: 'E11.99 is well-formed but is not in the ICD-10-CM code set.',
    });
    expect(blankOf(answer(item, 'E11', { codeSet }))).toMatchObject({
      status: 'wrong',
      message: 'E11 is not the answer (it is a header code, not valid for billing).',
    });
    expect(blankOf(answer(item, 'E11.8', { codeSet })).status).toBe('wrong');
    expect(answer(item, 'E119', { codeSet }).score).toBe(1);
  });

  it('accepts any of several accepted answers and never reads O as zero', () => {
    const z = fillIn({ kind: 'icd10cm' }, { kind: 'icd10cm', accepted: ['Z00.00', 'Z00.01'] });
    expect(answer(z, 'z0001').score).toBe(1);
    expect(answer(z, 'Z00.OO').score).toBe(0);
  });

  it('reports a blank answer as missing and unanswered', () => {
    for (const typed of [undefined, '', '   ']) {
      const grade = answer(item, typed);
      expect(grade).toMatchObject({ score: 0, answered: false });
      expect(blankOf(grade)).toMatchObject({ status: 'missing', message: 'No answer entered.' });
    }
  });

  it('reads CPT, PCS, HCPCS and modifier blanks by their own formats', () => {
    const cpt = fillIn({ kind: 'cpt' }, { kind: 'cpt', accepted: ['0042T'] });
    expect(answer(cpt, '0042t').score).toBe(1);
    const pcs = fillIn({ kind: 'icd10pcs' }, { kind: 'icd10pcs', accepted: ['0DTJ4ZZ'] });
    expect(blankOf(answer(pcs, '0DTJ4ZO')).status).toBe('malformed');
    const hcpcs = fillIn({ kind: 'hcpcs' }, { kind: 'hcpcs', accepted: ['J1885'] });
    expect(blankOf(answer(hcpcs, 'J9999', { codeSet })).status).toBe('unknown-code');
    const modifier = fillIn({ kind: 'modifier' }, { kind: 'modifier', accepted: ['LT'] });
    expect(answer(modifier, ' lt').score).toBe(1);
  });

  it('refuses a list where one code is expected', () => {
    const error = engineErrorOf(() => answer(item, ['E11.9']));
    expect(error.code).toBe('invalid-response');
    expect(error.details).toEqual({ blankId: 'b1' });
  });
});

// ---------------------------------------------------------------- procedure lines

describe('a procedure line', () => {
  const item = fillIn(
    { kind: 'procedure-line' },
    {
      kind: 'procedure-line',
      accepted: [
        { code: '20610', modifiers: ['rt', '59'], units: 1 },
        { code: 'J1885', units: 2 },
      ],
    },
  );
  const line = (code: string, modifiers: string, units: string) =>
    blankOf(answer(item, { code, modifiers, units }, { codeSet })) as ProcedureLineGrade;

  it('accepts modifiers in any order with any separators, and any accepted line', () => {
    for (const modifiers of ['59-RT', 'rt 59', '59,RT', ' -RT, 59 '])
      expect(line('20610', modifiers, '1').status).toBe('correct');
    expect(line('j1885', '', '2')).toMatchObject({
      status: 'correct',
      score: 1,
      normalised: { code: 'J1885', modifiers: [], units: 2 },
      parts: { code: true, modifiers: true, units: true },
    });
  });

  it('shows accepted lines in canonical form', () => {
    expect(line('20610', '', '1').accepted).toEqual([
      { code: '20610', modifiers: ['59', 'RT'], units: 1 },
      { code: 'J1885', modifiers: [], units: 2 },
    ]);
  });

  it('says which part is wrong against the closest accepted line', () => {
    expect(line('20610', '59', '1')).toMatchObject({
      status: 'wrong',
      parts: { code: true, modifiers: false, units: true },
      message: 'Not the answer: the modifiers are wrong.',
    });
    expect(line('J1885', '', '1')).toMatchObject({
      status: 'wrong',
      parts: { code: true, modifiers: true, units: false },
      message: 'Not the answer: the units are wrong.',
    });
    expect(line('20611', 'LT', '3')).toMatchObject({
      status: 'wrong',
      parts: { code: false, modifiers: false, units: false },
      message: 'Not the answer: the code, modifiers and units are wrong.',
    });
    expect(line('20610', '59 RT 25', '1').status).toBe('wrong');
    expect(line('20610', '59 RT RT', '1').status).toBe('wrong');
  });

  it('marks a line it cannot read malformed, listing every problem', () => {
    expect(line('E11.9', '5', '')).toMatchObject({
      status: 'malformed',
      score: 0,
      parts: null,
      normalised: { code: null, modifiers: null, units: null },
      message:
        'E11.9 is not a valid CPT or HCPCS Level II code format. "5" is not a modifier: a modifier is 2 letters or digits. Units are missing.',
    });
    expect(line('', 'RT', '1').message).toBe('No code entered.');
    expect(line('20610', '59 RT', '1.5').message).toBe('"1.5" is not a whole number of units.');
  });

  it('treats blank units as missing, not as 1', () => {
    expect(line('20610', '59 RT', '').status).toBe('malformed');
  });

  it('marks an HCPCS code the loaded set lacks as unknown', () => {
    expect(line('J9999', '', '2')).toMatchObject({
      status: 'unknown-code',
      message: 'J9999 is well-formed but is not in the HCPCS Level II code set.',
    });
  });

  it('reports an empty line as missing and refuses text where a line is expected', () => {
    expect(line(' ', '', '')).toMatchObject({ status: 'missing', message: 'No answer entered.' });
    expect(answer(item, undefined).answered).toBe(false);
    expect(engineErrorOf(() => answer(item, '20610-59-RT')).code).toBe('invalid-response');
    expect(engineErrorOf(() => answer(item, ['20610'])).code).toBe('invalid-response');
  });
});

// ---------------------------------------------------------------- code lists

describe('a code list', () => {
  const list = (
    codes: { code: string; optional?: boolean }[],
    principalFirst = false,
    partialCredit: PartialCredit = 'all-or-nothing',
  ) =>
    fillIn(
      { kind: 'code-list', codeKind: 'icd10cm', principalFirst },
      { kind: 'code-list', codes },
      partialCredit,
    );
  const key = [{ code: 'E11.9' }, { code: 'I10' }, { code: 'Z79.4', optional: true }];
  const enter = (item: Item, entered: BlankResponse, options = {}) => {
    const grade = answer(item, entered, options);
    return { grade, blank: blankOf(grade) as CodeListGrade };
  };

  it('is a set: any order, any form of each code', () => {
    const { grade, blank } = enter(list(key), ['i10', 'E119']);
    expect(grade.score).toBe(1);
    expect(blank).toMatchObject({ status: 'correct', message: 'Every code is correct.', missing: [] });
    expect(blank.entries.map((e) => [e.normalised, e.status])).toEqual([
      ['I10', 'matched'],
      ['E11.9', 'matched'],
    ]);
    expect(blank.accepted).toEqual([
      { code: 'E11.9', optional: false },
      { code: 'I10', optional: false },
      { code: 'Z79.4', optional: true },
    ]);
  });

  it('an optional code neither gains nor loses credit', () => {
    expect(enter(list(key), ['E11.9', 'I10', 'Z79.4']).grade.score).toBe(1);
    const { blank } = enter(list(key, false, 'proportional'), ['E11.9', 'Z79.4']);
    expect(blank.score).toBe(0.5);
    expect(blank.entries[1]).toMatchObject({
      status: 'optional',
      message: 'Z79.4 is optional: it neither gains nor loses credit.',
    });
  });

  it('extra codes cost credit: right / max(entered, required)', () => {
    const proportional = list(key, false, 'proportional');
    expect(enter(proportional, ['E11.9', 'I10', 'E78.5']).grade.score).toBeCloseTo(2 / 3);
    expect(enter(proportional, ['E11.9', 'I10', 'E78.5', 'E66.9']).grade.score).toBe(0.5);
    expect(enter(proportional, ['E11.9']).grade.score).toBe(0.5);
    const { blank } = enter(proportional, ['E11.9', 'E78.5']);
    expect(blank).toMatchObject({
      status: 'partial',
      score: 0.5,
      missing: ['I10'],
      message: '1 of 2 required codes right; 1 entered code is wrong.',
    });
    expect(blank.entries[1]).toMatchObject({
      status: 'extra',
      message: 'E78.5 is well-formed but not in the answer.',
    });
  });

  it('all-or-nothing: anything short of every required code and nothing extra scores 0', () => {
    const { blank } = enter(list(key), ['E11.9', 'I10', 'E78.5']);
    expect(blank).toMatchObject({
      status: 'wrong',
      score: 0,
      message: '2 of 2 required codes right; 1 entered code is wrong.',
    });
  });

  it('a repeated code counts once', () => {
    const { grade, blank } = enter(list(key), ['E11.9', 'e119', 'I10']);
    expect(grade.score).toBe(1);
    expect(blank.entries[1]).toMatchObject({
      status: 'duplicate',
      message: 'E11.9 was entered more than once; it counts once.',
    });
  });

  it('a malformed entry is wrong and costs credit', () => {
    const { blank } = enter(list(key, false, 'proportional'), ['E11.9', 'I10', 'E1.19']);
    expect(blank.score).toBeCloseTo(2 / 3);
    expect(blank.entries[2]).toMatchObject({
      status: 'malformed',
      normalised: null,
      message: 'E1.19 is not a valid ICD-10-CM code format (the dot goes after the 3rd character).',
    });
  });

  it('principal first: the principal code earns credit only in first position', () => {
    const aon = enter(list(key, true), ['I10', 'E11.9']);
    expect(aon.grade.score).toBe(0);
    expect(aon.blank.entries[1]).toMatchObject({
      status: 'wrong-position',
      message: 'E11.9 must be listed first.',
    });
    expect(aon.blank.missing).toEqual([]);
    expect(enter(list(key, true, 'proportional'), ['I10', 'E11.9']).grade.score).toBe(0.5);
    expect(enter(list(key, true), ['E11.9', 'I10']).grade.score).toBe(1);
    expect(enter(list(key, true, 'proportional'), ['', 'E11.9', 'I10']).grade.score).toBe(1);
    expect(enter(list(key, true, 'proportional'), ['E1.19', 'E11.9', 'I10']).grade.score).toBeCloseTo(1 / 3);
  });

  it('principal first does not apply when the first key code is optional', () => {
    const optionalFirst = list([{ code: 'Z79.4', optional: true }, { code: 'E11.9' }], true);
    expect(enter(optionalFirst, ['E11.9', 'Z79.4']).grade.score).toBe(1);
  });

  it('a key of optional codes only accepts a list without wrong codes, but not an empty one', () => {
    const allOptional = list([{ code: 'Z79.4', optional: true }], false, 'proportional');
    expect(enter(allOptional, ['Z79.4']).grade.score).toBe(1);
    expect(enter(allOptional, ['Z79.4', 'I10']).grade.score).toBe(0);
    expect(enter(allOptional, []).grade).toMatchObject({ score: 0, answered: false });
  });

  it('with a loaded code set, a code the set lacks is unknown (and costs credit)', () => {
    const { blank } = enter(list(key, false, 'proportional'), ['E11.9', 'I10', 'E11.99'], { codeSet });
    expect(blank.score).toBeCloseTo(2 / 3);
    expect(blank.entries[2]).toMatchObject({
      status: 'unknown-code',
      message: 'E11.99 is well-formed but is not in the ICD-10-CM code set.',
    });
  });

  it('reads one typed string as a list split at commas, semicolons and spaces', () => {
    expect(enter(list(key), 'E11.9, I10').grade.score).toBe(1);
    expect(enter(list(key), 'E11.9;I10 Z79.4').grade.score).toBe(1);
  });

  it('an empty list is missing; feedback lists what went wrong entry by entry', () => {
    for (const entered of [[], ['', ' '], '']) {
      const { grade, blank } = enter(list(key), entered);
      expect(grade).toMatchObject({ score: 0, answered: false });
      expect(blank).toMatchObject({
        status: 'missing',
        message: 'No codes entered.',
        missing: ['E11.9', 'I10'],
      });
    }
    const { grade } = enter(list(key), ['E11.9', 'E78.5']);
    expect(grade.feedback.messages).toEqual([
      { about: 'b1', text: '1 of 2 required codes right; 1 entered code is wrong.' },
      { about: 'b1', text: 'E78.5 is well-formed but not in the answer.' },
    ]);
  });

  it('refuses a procedure line where a list is expected', () => {
    expect(engineErrorOf(() => answer(list(key), { code: 'E11.9', modifiers: '', units: '' })).code).toBe(
      'invalid-response',
    );
  });
});

// ---------------------------------------------------------------- numbers and text

describe('number and text blanks', () => {
  const number = fillIn({ kind: 'number' }, { kind: 'number', accepted: [1500, 2], tolerance: 0.5 });

  it('compares numbers with the tolerance', () => {
    expect(answer(number, '1500').score).toBe(1);
    expect(answer(number, ' 1,500.4 ').score).toBe(1);
    expect(answer(number, '2.5').score).toBe(1);
    expect(answer(number, '+1499.5').score).toBe(1);
    expect(blankOf(answer(number, '1501'))).toMatchObject({
      status: 'wrong',
      normalised: 1501,
      message: '1501 is not the answer.',
    });
    expect(blankOf(answer(number, 'two'))).toMatchObject({
      status: 'malformed',
      normalised: null,
      message: 'two is not a number.',
    });
    expect(blankOf(answer(number, '1,50'))).toMatchObject({ status: 'malformed' });
    expect(blankOf(answer(number, ''))).toMatchObject({ status: 'missing' });
  });

  it('absorbs binary fractions when the tolerance is 0', () => {
    const exact = fillIn({ kind: 'number' }, { kind: 'number', accepted: [0.3] });
    expect(answer(exact, '0.3').score).toBe(1);
    expect(answer(exact, '.3').score).toBe(1);
    expect(answer(exact, '0.31').score).toBe(0);
  });

  it('compares text ignoring case and runs of white space', () => {
    const text = fillIn({ kind: 'text' }, { kind: 'text', accepted: ['Excludes1 note'] });
    expect(blankOf(answer(text, '  excludes1   NOTE '))).toMatchObject({
      status: 'correct',
      normalised: 'excludes1 note',
      message: 'Correct.',
    });
    expect(blankOf(answer(text, 'excludes2 note'))).toMatchObject({
      status: 'wrong',
      message: '"excludes2 note" is not the answer.',
    });
    expect(blankOf(answer(text, '\t'))).toMatchObject({ status: 'missing' });
    expect(engineErrorOf(() => answer(text, ['x'])).code).toBe('invalid-response');
  });
});

// ---------------------------------------------------------------- items of several blanks, scenarios

describe('a fill-in item of several blanks', () => {
  const item = (partialCredit: PartialCredit) =>
    makeItem({
      type: 'fill-in',
      blanks: [
        { id: 'dx', kind: 'code-list', codeKind: 'icd10cm' },
        { id: 'px', kind: 'cpt' },
      ],
      key: {
        dx: { kind: 'code-list', codes: [{ code: 'E11.9' }, { code: 'I10' }] },
        px: { kind: 'cpt', accepted: ['99213'] },
      },
      partialCredit,
    });
  const respond = (partialCredit: PartialCredit, blanks: Record<string, BlankResponse>) =>
    gradeResponse(item(partialCredit), { type: 'fill-in', blanks });

  it('all-or-nothing needs every blank right', () => {
    expect(respond('all-or-nothing', { dx: ['E11.9', 'I10'], px: '99213' }).score).toBe(1);
    expect(respond('all-or-nothing', { dx: ['E11.9'], px: '99213' }).score).toBe(0);
  });

  it('proportional takes the mean of blank scores, a code list scoring in proportion', () => {
    expect(respond('proportional', { dx: ['E11.9'], px: '99213' }).score).toBe(0.75);
    expect(respond('proportional', { px: '99213' })).toMatchObject({ score: 0.5, answered: true });
  });

  it('ignores answers to blanks the item does not have', () => {
    expect(respond('all-or-nothing', { dx: ['E11.9', 'I10'], px: '99213', other: 'x' }).score).toBe(1);
  });

  it('refuses an item whose key does not cover a blank', () => {
    const broken = item('all-or-nothing');
    if (broken.type !== 'fill-in') throw new Error('fill-in expected');
    const { px: _px, ...key } = broken.key;
    expect(engineErrorOf(() => gradeResponse({ ...broken, key }, undefined)).code).toBe('invalid-item');
  });
});

describe('a scenario', () => {
  const item = makeItem({
    type: 'scenario',
    caseText: 'A 54-year-old with type 2 diabetes...',
    subItems: [
      {
        id: 's1',
        type: 'multiple-choice',
        stem: 'Principal diagnosis?',
        rationale: 'Sequencing rule.',
        options: OPTIONS,
        key: 'a',
      },
      {
        id: 's2',
        type: 'fill-in',
        stem: 'Code it',
        blanks: [{ id: 'b1', kind: 'icd10cm' }],
        key: { b1: { kind: 'icd10cm', accepted: ['E11.9'] } },
      },
    ],
  });
  const respond = (subResponses: Record<string, Exclude<Response, { type: 'scenario' }>>) =>
    gradeResponse(item, { type: 'scenario', subResponses });

  it('scores the mean of its sub-items', () => {
    expect(
      respond({
        s1: { type: 'multiple-choice', choice: 'a' },
        s2: { type: 'fill-in', blanks: { b1: 'E119' } },
      }),
    ).toMatchObject({
      score: 1,
      correct: true,
    });
    const half = respond({
      s1: { type: 'multiple-choice', choice: 'b' },
      s2: { type: 'fill-in', blanks: { b1: 'E119' } },
    });
    expect(half).toMatchObject({ score: 0.5, correct: false, answered: true });
    expect(half.detail).toMatchObject({
      type: 'scenario',
      subItems: [
        { id: 's1', grade: { score: 0 } },
        { id: 's2', grade: { score: 1 } },
      ],
    });
  });

  it('gathers sub-item feedback under the sub-item id', () => {
    const grade = respond({ s1: { type: 'multiple-choice', choice: 'b' } });
    expect(grade.feedback.rationale).toBe('Guideline I.A.1.');
    expect(grade.feedback.messages).toEqual([
      { about: 's1', text: 'Sequencing rule.' },
      { about: 's1.a', text: 'why a' },
      { about: 's1.b', text: 'why b' },
      { about: 's2.b1', text: 'No answer entered.' },
    ]);
  });

  it('is unanswered when no sub-item is answered', () => {
    expect(respond({})).toMatchObject({ score: 0, answered: false });
    expect(gradeResponse(item, undefined)).toMatchObject({ score: 0, answered: false });
  });

  it('refuses a sub-response of the wrong type', () => {
    expect(engineErrorOf(() => respond({ s1: { type: 'fill-in', blanks: {} } })).code).toBe(
      'invalid-response',
    );
  });
});

// ---------------------------------------------------------------- properties

const optionIds = ['a', 'b', 'c', 'd', 'e', 'f'];
const cmCodes = ['E11.9', 'I10', 'Z79.4', 'N18.31', 'E78.5', 'T39.1X1A'];
const lineCodes = ['99213', 'J1885', '0042T', '20610'];
const modifiers = ['25', '59', 'LT', 'RT'];
const partialCredit = fc.constantFrom<PartialCredit>('all-or-nothing', 'proportional');

/** Options a.. (4-6 of them) and a keyed subset. */
const choiceBody = fc.integer({ min: 4, max: 6 }).chain((n) =>
  fc.record({
    options: fc.constant(optionIds.slice(0, n).map((id) => ({ id, text: `Option ${id}` }))),
    keyed: fc.subarray(optionIds.slice(0, n), { minLength: 1, maxLength: n - 1 }),
  }),
);

const mcBody = choiceBody.map(({ options, keyed }) => ({ type: 'multiple-choice', options, key: keyed[0] }));
const mrBody = fc.tuple(choiceBody, fc.boolean(), partialCredit).map(([{ options, keyed }, select, pc]) => ({
  type: 'multiple-response',
  options,
  key: keyed,
  select: select ? keyed.length : null,
  partialCredit: pc,
}));

/** A blank with its key, of any kind. */
const blankWithKey = fc.oneof(
  fc
    .subarray(cmCodes, { minLength: 1, maxLength: 2 })
    .map((accepted) => ({ blank: { kind: 'icd10cm' }, key: { kind: 'icd10cm', accepted } })),
  fc
    .tuple(
      fc.constantFrom(...lineCodes),
      fc.subarray(modifiers, { maxLength: 2 }),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([code, mods, units]) => ({
      blank: { kind: 'procedure-line' },
      key: { kind: 'procedure-line', accepted: [{ code, modifiers: mods, units }] },
    })),
  fc
    .tuple(
      fc.subarray(cmCodes, { minLength: 1, maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([codes, optional, principalFirst]) => ({
      blank: { kind: 'code-list', codeKind: 'icd10cm', principalFirst },
      key: { kind: 'code-list', codes: codes.map((code, i) => ({ code, optional: optional[i] ?? false })) },
    })),
  fc
    .tuple(
      fc.array(
        fc.integer({ min: -1e8, max: 1e8 }).map((n) => n / 100),
        { minLength: 1, maxLength: 2 },
      ),
      fc.double({ min: 0, max: 10, noNaN: true }),
    )
    .map(([accepted, tolerance]) => ({
      blank: { kind: 'number' },
      key: { kind: 'number', accepted, tolerance },
    })),
  fc
    .constantFrom('Excludes1', 'late effect')
    .map((word) => ({ blank: { kind: 'text' }, key: { kind: 'text', accepted: [word] } })),
);

const fillInBody = fc
  .tuple(fc.array(blankWithKey, { minLength: 1, maxLength: 3 }), partialCredit)
  .map(([blanks, pc]) => ({
    type: 'fill-in',
    blanks: blanks.map((b, i) => ({ id: `b${i}`, ...b.blank })),
    key: Object.fromEntries(blanks.map((b, i) => [`b${i}`, b.key])),
    partialCredit: pc,
  }));

const subItemBody = fc.oneof(mcBody, mrBody, fillInBody);
const scenarioBody = fc.array(subItemBody, { minLength: 1, maxLength: 3 }).map((subs) => ({
  type: 'scenario',
  caseText: 'Case.',
  subItems: subs.map((sub, i) => ({ id: `s${i}`, stem: 'Sub?', ...sub })),
}));

/** Random valid items of every type. */
const itemArb = fc.oneof(mcBody, mrBody, fillInBody, scenarioBody).map((body) => makeItem(body));

const typedText = fc.oneof(
  fc.constantFrom('', ' ', 'E1.19', 'e119', 'I10', '0042t', '2', '1,500', 'late  EFFECT', 'x'),
  fc.string({ maxLength: 8 }),
);

/** A random answer of the right shape for a blank kind. */
function blankAnswer(kind: string): fc.Arbitrary<BlankResponse | undefined> {
  if (kind === 'procedure-line')
    return fc.option(
      fc.record({
        code: fc.oneof(fc.constantFrom(...lineCodes, 'E11.9', ''), fc.string({ maxLength: 6 })),
        modifiers: fc.oneof(fc.constantFrom('', '25', 'lt-rt', '59 25', '5'), fc.string({ maxLength: 6 })),
        units: fc.constantFrom('', '1', '2', '3', 'x', '0'),
      }),
      { nil: undefined },
    );
  if (kind === 'code-list')
    return fc.option(
      fc.oneof(
        fc.array(fc.oneof(fc.constantFrom(...cmCodes, 'e119', ''), typedText), { maxLength: 6 }),
        typedText,
      ),
      {
        nil: undefined,
      },
    );
  return fc.option(typedText, { nil: undefined });
}

/** A random response of the right type for a question (or none). */
function responseArb(question: Item | SubItem): fc.Arbitrary<Response | undefined> {
  const ids = (q: { options: { id: string }[] }) => [...q.options.map((o) => o.id), 'zz'];
  switch (question.type) {
    case 'multiple-choice':
      return fc.option(
        fc.record({
          type: fc.constant('multiple-choice' as const),
          choice: fc.option(fc.constantFrom<string>(...ids(question)), { nil: null }),
        }),
        {
          nil: undefined,
        },
      );
    case 'multiple-response':
      return fc.option(
        fc.record({
          type: fc.constant('multiple-response' as const),
          choices: fc.array(fc.constantFrom(...ids(question)), { maxLength: 7 }),
        }),
        {
          nil: undefined,
        },
      );
    case 'fill-in': {
      const blanks = question.blanks.map((b) => blankAnswer(b.kind).map((value) => [b.id, value] as const));
      return fc.option(
        fc.tuple(...blanks).map((pairs) => ({
          type: 'fill-in' as const,
          blanks: Object.fromEntries(
            pairs.filter((p): p is readonly [string, BlankResponse] => p[1] !== undefined),
          ),
        })),
        { nil: undefined },
      );
    }
    case 'scenario': {
      const subs = question.subItems.map((sub) => responseArb(sub).map((r) => [sub.id, r] as const));
      return fc.option(
        fc.tuple(...subs).map((pairs) => ({
          type: 'scenario' as const,
          subResponses: Object.fromEntries(
            pairs.filter((p) => p[1] !== undefined && p[1].type !== 'scenario'),
          ) as Record<string, Exclude<Response, { type: 'scenario' }>>,
        })),
        { nil: undefined },
      );
    }
  }
}

/** The response a student who knows the key would give. */
function keyedResponse(question: Item | SubItem): Response {
  switch (question.type) {
    case 'multiple-choice':
      return { type: 'multiple-choice', choice: question.key };
    case 'multiple-response':
      return { type: 'multiple-response', choices: [...question.key].reverse() };
    case 'fill-in': {
      const blanks: Record<string, BlankResponse> = {};
      for (const [id, key] of Object.entries(question.key)) {
        if (key.kind === 'procedure-line') {
          const line = key.accepted[0] as { code: string; modifiers: string[]; units: number };
          blanks[id] = {
            code: line.code.toLowerCase(),
            modifiers: [...line.modifiers].reverse().join(', '),
            units: ` ${line.units}`,
          };
        } else if (key.kind === 'code-list') blanks[id] = key.codes.map((c) => c.code.replace('.', ''));
        else if (key.kind === 'number') blanks[id] = String(key.accepted[0]);
        else blanks[id] = ` ${String(key.accepted[0]).toLowerCase()} `;
      }
      return { type: 'fill-in', blanks };
    }
    case 'scenario':
      return {
        type: 'scenario',
        subResponses: Object.fromEntries(
          question.subItems.map((sub) => [
            sub.id,
            keyedResponse(sub) as Exclude<Response, { type: 'scenario' }>,
          ]),
        ),
      };
  }
}

describe('grading properties', () => {
  it('score is within [0, 1], correct iff score is 1, and unanswered scores 0', () => {
    fc.assert(
      fc.property(
        itemArb.chain((item) => fc.tuple(fc.constant(item), responseArb(item), fc.boolean())),
        ([item, response, withCodeSet]) => {
          const grade = gradeResponse(item, response, withCodeSet ? { codeSet } : {});
          expect(grade.score).toBeGreaterThanOrEqual(0);
          expect(grade.score).toBeLessThanOrEqual(1);
          expect(grade.correct).toBe(grade.score === 1);
          if (!grade.answered) expect(grade.score).toBe(0);
          expect(grade.detail.type).toBe(item.type);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the key, typed in any accepted form, always scores 1', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const grade = gradeResponse(item, keyedResponse(item));
        expect(grade).toMatchObject({ score: 1, correct: true, answered: true });
      }),
      { numRuns: 300 },
    );
  });
});
