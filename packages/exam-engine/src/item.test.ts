import { describe, expect, it } from 'vitest';
import {
  BANK_SCHEMA_VERSION,
  bankDocumentSchema,
  type Item,
  itemPoints,
  itemSchema,
  parseItem,
} from './item';

const META = {
  id: 'q1',
  domain: 'icd-10-cm',
  codeSetYear: 2026,
  stem: 'Which code?',
  rationale: 'Guideline.',
};
const OPTIONS = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Option ${id}` }));

/** The issues parseItem reports for an input (fails the test when it parses). */
function issuesOf(input: Record<string, unknown>) {
  const result = parseItem({ ...META, ...input });
  if (result.ok) throw new Error('expected the item to be refused');
  return result.issues;
}

/** The item parseItem returns (fails the test when it is refused). */
function parsed(input: Record<string, unknown>): Item {
  const result = parseItem({ ...META, ...input });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
  return result.item;
}

const mc = (extra: Record<string, unknown> = {}) => ({
  type: 'multiple-choice',
  options: OPTIONS,
  key: 'a',
  ...extra,
});
const mr = (extra: Record<string, unknown> = {}) => ({
  type: 'multiple-response',
  options: OPTIONS,
  key: ['a', 'b'],
  ...extra,
});
const fillIn = (
  blanks: Record<string, unknown>[],
  key: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  type: 'fill-in',
  blanks,
  key,
  ...extra,
});

describe('item defaults', () => {
  it('fills item metadata and option defaults', () => {
    const item = parsed(mc());
    expect(item).toMatchObject({ version: 1, tags: [], difficulty: 'medium', scored: true });
    if (item.type !== 'multiple-choice') throw new Error('multiple-choice expected');
    expect(item.options[0]).toEqual({ id: 'a', text: 'Option a', rationale: '' });
  });

  it('multiple response: select all that apply, all-or-nothing', () => {
    expect(parsed(mr())).toMatchObject({ select: null, partialCredit: 'all-or-nothing' });
  });

  it('fill-in: blank labels, principal-first, procedure lines, optional codes, tolerance', () => {
    const item = parsed(
      fillIn(
        [
          { id: 'px', kind: 'procedure-line' },
          { id: 'dx', kind: 'code-list', codeKind: 'icd10cm' },
          { id: 'n', kind: 'number' },
        ],
        {
          px: { kind: 'procedure-line', accepted: [{ code: '99213' }] },
          dx: { kind: 'code-list', codes: [{ code: 'E11.9' }] },
          n: { kind: 'number', accepted: [3] },
        },
      ),
    );
    expect(item).toMatchObject({
      partialCredit: 'all-or-nothing',
      blanks: [
        { id: 'px', label: '', kind: 'procedure-line' },
        { id: 'dx', label: '', kind: 'code-list', codeKind: 'icd10cm', principalFirst: false },
        { id: 'n', label: '', kind: 'number' },
      ],
      key: {
        px: { kind: 'procedure-line', accepted: [{ code: '99213', modifiers: [], units: 1 }] },
        dx: { kind: 'code-list', codes: [{ code: 'E11.9', optional: false }] },
        n: { kind: 'number', accepted: [3], tolerance: 0 },
      },
    });
  });

  it('scenario sub-items get an empty rationale by default', () => {
    const item = parsed({
      type: 'scenario',
      caseText: 'Case.',
      subItems: [{ id: 's1', stem: 'Which?', ...mc() }],
    });
    expect(item).toMatchObject({ subItems: [{ id: 's1', rationale: '', type: 'multiple-choice' }] });
  });
});

describe('structural refinements', () => {
  it('a multiple-choice key must be an option', () => {
    expect(issuesOf(mc({ key: 'z' }))).toEqual([{ path: 'key', message: 'key "z" is not an option id' }]);
  });

  it('option ids must be unique', () => {
    const options = [...OPTIONS, { id: 'a', text: 'Again' }];
    expect(issuesOf(mc({ options }))).toEqual([{ path: 'options', message: 'option ids must be unique' }]);
  });

  it('every multiple-response key must be an option, listed once', () => {
    expect(issuesOf(mr({ key: ['a', 'z'] }))).toEqual([
      { path: 'key.1', message: 'key "z" is not an option id' },
    ]);
    expect(issuesOf(mr({ key: ['a', 'a'] }))).toEqual([
      { path: 'key', message: 'key lists an option twice' },
    ]);
  });

  it('select must equal the key length', () => {
    expect(issuesOf(mr({ select: 3 }))).toEqual([
      { path: 'select', message: 'select is 3 but the key has 2' },
    ]);
    expect(parseItem({ ...META, ...mr({ select: 2 }) }).ok).toBe(true);
  });

  it('at least one multiple-response option must be wrong', () => {
    expect(issuesOf(mr({ key: ['a', 'b', 'c', 'd'] }))).toEqual([
      { path: 'key', message: 'at least one option must be wrong' },
    ]);
  });

  it('every blank needs a key, and every key a blank', () => {
    const blanks = [
      { id: 'b1', kind: 'icd10cm' },
      { id: 'b2', kind: 'cpt' },
    ];
    expect(issuesOf(fillIn(blanks, { b1: { kind: 'icd10cm', accepted: ['E11.9'] } }))).toEqual([
      { path: 'key.b2', message: 'blank "b2" has no key' },
    ]);
    expect(
      issuesOf(
        fillIn([{ id: 'b1', kind: 'icd10cm' }], {
          b1: { kind: 'icd10cm', accepted: ['E11.9'] },
          zz: { kind: 'text', accepted: ['x'] },
        }),
      ),
    ).toEqual([{ path: 'key.zz', message: 'key "zz" has no blank' }]);
  });

  it('a key kind must match its blank kind', () => {
    expect(
      issuesOf(fillIn([{ id: 'b1', kind: 'icd10cm' }], { b1: { kind: 'cpt', accepted: ['99213'] } })),
    ).toEqual([{ path: 'key.b1.kind', message: 'key kind "cpt" does not match blank 1 kind "icd10cm"' }]);
  });

  it('blank ids must be unique', () => {
    const blanks = [
      { id: 'b1', kind: 'text' },
      { id: 'b1', kind: 'text' },
    ];
    expect(issuesOf(fillIn(blanks, { b1: { kind: 'text', accepted: ['x'] } }))).toEqual([
      { path: 'blanks', message: 'blank ids must be unique' },
    ]);
  });

  it('reports sub-item problems under subItems.<index>', () => {
    const issues = issuesOf({
      type: 'scenario',
      caseText: 'Case.',
      subItems: [
        { id: 's1', stem: 'Which?', ...mc() },
        { id: 's2', stem: 'Which?', ...mc({ key: 'z' }) },
        {
          id: 's3',
          stem: 'Code it',
          ...fillIn([{ id: 'b1', kind: 'icd10cm' }], { b1: { kind: 'text', accepted: ['x'] } }),
        },
      ],
    });
    expect(issues).toEqual([
      { path: 'subItems.1.key', message: 'key "z" is not an option id' },
      { path: 'subItems.2.key.b1.kind', message: 'key kind "text" does not match blank 1 kind "icd10cm"' },
    ]);
  });

  it('sub-item ids must be unique, and a scenario cannot nest a scenario', () => {
    const sub = { id: 's1', stem: 'Which?', ...mc() };
    expect(issuesOf({ type: 'scenario', caseText: 'Case.', subItems: [sub, sub] })).toEqual([
      { path: 'subItems', message: 'sub-item ids must be unique' },
    ]);
    const nested = issuesOf({
      type: 'scenario',
      caseText: 'Case.',
      subItems: [{ id: 's1', stem: 'x', type: 'scenario' }],
    });
    expect(nested.map((i) => i.path)).toEqual(['subItems.0.type']);
  });
});

describe('parseItem field paths', () => {
  it('names each field that is wrong', () => {
    const issues = issuesOf({
      ...mc({ options: [...OPTIONS.slice(0, 2), { id: 'c', text: '   ' }, { id: 'd e', text: 'D' }] }),
      id: 'bad id',
      domain: 'ICD 10',
      codeSetYear: 2014,
      stem: '',
    });
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['codeSetYear', 'domain', 'id', 'options.2.text', 'options.3.id', 'stem'].sort(),
    );
    expect(issues.find((i) => i.path === 'options.2.text')?.message).toBe('must not be empty');
    expect(issues.find((i) => i.path === 'domain')?.message).toBe('lower-case slug');
    expect(issues.find((i) => i.path === 'id')?.message).toBe('use letters, digits and . _ : - only');
  });

  it('names nested key fields and minimum counts', () => {
    expect(issuesOf(mc({ options: OPTIONS.slice(0, 3) }))).toEqual([
      { path: 'options', message: 'at least 4 options' },
    ]);
    const issues = issuesOf(
      fillIn(
        [
          { id: 'px', kind: 'procedure-line' },
          { id: 'dx', kind: 'code-list', codeKind: 'icd10cm' },
        ],
        {
          px: { kind: 'procedure-line', accepted: [{ code: '99213', units: 0 }] },
          dx: { kind: 'code-list', codes: [] },
        },
      ),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['key.dx.codes', 'key.px.accepted.0.units'].sort());
  });

  it('rejects an unknown item type at "type"', () => {
    expect(issuesOf({ type: 'essay' }).map((i) => i.path)).toEqual(['type']);
  });

  it('returns the parsed item with its defaults on success', () => {
    const result = parseItem({ ...META, ...mc() });
    expect(result.ok && result.item.id).toBe('q1');
  });
});

describe('itemPoints', () => {
  it('is 1 for a question and one per sub-item for a scenario', () => {
    expect(itemPoints(parsed(mc()))).toBe(1);
    const sub = (id: string) => ({ id, stem: 'Which?', ...mc() });
    expect(
      itemPoints(
        parsed({ type: 'scenario', caseText: 'Case.', subItems: [sub('s1'), sub('s2'), sub('s3')] }),
      ),
    ).toBe(3);
  });
});

describe('bank documents', () => {
  it('parses a bank with its items and refuses another schema version', () => {
    const bank = {
      format: 'coderprep-bank',
      schemaVersion: BANK_SCHEMA_VERSION,
      bank: { id: 'cpc-sample', name: 'CPC sample' },
      items: [{ ...META, ...mc() }],
    };
    const doc = bankDocumentSchema.parse(bank);
    expect(doc.bank.description).toBe('');
    expect(doc.items[0]).toMatchObject({ id: 'q1', scored: true });
    expect(bankDocumentSchema.safeParse({ ...bank, schemaVersion: 2 }).success).toBe(false);
    expect(bankDocumentSchema.safeParse({ ...bank, items: [{ ...META, ...mc({ key: 'z' }) }] }).success).toBe(
      false,
    );
  });

  it('itemSchema and parseItem agree', () => {
    expect(itemSchema.safeParse({ ...META, ...mc() }).success).toBe(true);
  });
});
