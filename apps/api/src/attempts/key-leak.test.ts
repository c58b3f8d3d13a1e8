/**
 * Key-leak safety: while an attempt is in progress, no student-facing body (success or error)
 * carries key material: keyed options, accepted answers, rationales, option rationales, or which
 * items are unscored. Every secret in the fixture items is spelled distinctively so a plain
 * substring search finds it wherever it would leak.
 */
import { type Item, parseBlueprint, parseItem } from '@coderprep/exam-engine';
import { describe, expect, it } from 'vitest';
import { type Agent, createWorld } from '../testing/fixtures';
import { save, startAt, submit } from './test-helpers';

function item(input: Record<string, unknown>): Item {
  const result = parseItem({ codeSetYear: 2026, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.item;
}

const options = (prefix: string) =>
  ['A', 'B', 'C', 'D'].map((id) => ({
    id,
    text: `${prefix} option text ${id}`,
    rationale: `SECRET-OPTION-RATIONALE-${prefix}-${id}`,
  }));

const ITEMS: Item[] = [
  ...[1, 2].map((n) =>
    item({
      id: `mc-${n}`,
      domain: 'leak-mc',
      type: 'multiple-choice',
      stem: `Which option fits case ${n}?`,
      rationale: `SECRET-RATIONALE-MC-${n}`,
      options: options(`MC${n}`),
      key: 'C',
      tags: ['SECRET-TAG'],
    }),
  ),
  item({
    id: 'pretest-1',
    domain: 'leak-mc',
    type: 'multiple-choice',
    scored: false,
    stem: 'A pretest question.',
    rationale: 'SECRET-RATIONALE-PRETEST',
    options: options('PRE'),
    key: 'D',
  }),
  item({
    id: 'mr-1',
    domain: 'leak-mr',
    type: 'multiple-response',
    stem: 'Select 2.',
    rationale: 'SECRET-RATIONALE-MR',
    options: options('MR'),
    key: ['A', 'C'],
    select: 2,
    partialCredit: 'proportional',
  }),
  item({
    id: 'fill-1',
    domain: 'leak-fill',
    type: 'fill-in',
    stem: 'Code the history of smoking.',
    rationale: 'SECRET-RATIONALE-FILL',
    blanks: [
      { id: 'dx', label: 'Diagnosis', kind: 'icd10cm' },
      { id: 'note', label: 'Term', kind: 'text' },
    ],
    key: {
      dx: { kind: 'icd10cm', accepted: ['Z87.891'] },
      note: { kind: 'text', accepted: ['SECRET-TEXT-ANSWER'] },
    },
  }),
  item({
    id: 'scn-1',
    domain: 'leak-scn',
    type: 'scenario',
    stem: 'Code the encounter.',
    rationale: 'SECRET-RATIONALE-SCENARIO',
    caseText: 'Patient seen for follow-up of type 2 diabetes with hyperglycemia.',
    subItems: [
      {
        id: 's1',
        type: 'multiple-choice',
        stem: 'Principal diagnosis?',
        rationale: 'SECRET-SUB-RATIONALE-1',
        options: options('S1'),
        key: 'B',
      },
      {
        id: 's2',
        type: 'fill-in',
        stem: 'Code every diagnosis and the procedure.',
        rationale: 'SECRET-SUB-RATIONALE-2',
        blanks: [
          { id: 'dxs', label: 'Diagnoses', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
          { id: 'px', label: 'Procedure', kind: 'procedure-line' },
          { id: 'n', label: 'Units', kind: 'number' },
        ],
        key: {
          dxs: { kind: 'code-list', codes: [{ code: 'E11.65' }, { code: 'Z79.84', optional: true }] },
          px: { kind: 'procedure-line', accepted: [{ code: '20611', modifiers: ['XS'], units: 3 }] },
          n: { kind: 'number', accepted: [4242.5], tolerance: 0.25 },
        },
      },
    ],
  }),
];

/** Strings that must never reach a student during an attempt. */
const SECRETS = [
  '"key"',
  '"accepted"',
  '"rationale"',
  '"scored"',
  '"codes"',
  '"tolerance"',
  '"partialCredit"',
  '"difficulty"',
  '"tags"',
  'SECRET-',
  'Z87.891',
  'Z878.91',
  'E11.65',
  'Z79.84',
  '"20611"',
  '4242.5',
  ...ITEMS.map((i) => i.rationale),
];

const blueprint = () => {
  const parsed = parseBlueprint({
    id: 'leak',
    name: 'Leak check',
    clock: { mode: 'shared', limitMinutes: 60 },
    sections: [
      {
        id: 'only',
        title: 'Only section',
        shuffleOptions: true,
        pretestCount: 1,
        rules: [
          { domain: 'leak-mc', count: 2 },
          { domain: 'leak-mr', count: 1 },
          { domain: 'leak-fill', count: 1 },
          { domain: 'leak-scn', count: 1 },
        ],
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.blueprint;
};

/** Wrong answers that type none of the secrets, one per item type. */
const ANSWERS: Record<string, unknown> = {
  'multiple-choice': { type: 'multiple-choice', choice: 'A' },
  'multiple-response': { type: 'multiple-response', choices: ['B', 'D'] },
  'fill-in': { type: 'fill-in', blanks: { dx: 'I10', note: 'smoker' } },
  scenario: {
    type: 'scenario',
    subResponses: {
      s1: { type: 'multiple-choice', choice: 'A' },
      s2: {
        type: 'fill-in',
        blanks: { dxs: ['I10'], px: { code: '99213', modifiers: '25', units: '1' }, n: '7' },
      },
    },
  },
};

describe('key-leak safety', () => {
  // Production sends what the handlers return (response validation off); tests validate against
  // the contracts, whose allow-list would strip a leak. Check both.
  it.each([
    ['handler output as sent in production', false],
    ['bodies validated against the contracts', true],
  ])(
    'no student-facing body contains key material while the attempt is in progress (%s)',
    async (_, validate) => {
      const world = await createWorld({ items: ITEMS, blueprint: blueprint(), reviewPolicy: 'never' });
      world.deps.config.validateResponses = validate;
      const student: Agent = world.a.agents.student;
      const bodies: { step: string; status: number; body: unknown }[] = [];
      const record = (step: string, res: { status: number; body: unknown }) => {
        bodies.push({ step, status: res.status, body: res.body });
        return res;
      };

      const started = record('start', await startAt(student, world.a.assignmentId));
      expect(started.status).toBe(201);
      const view = started.body as { id: string; items: { itemId: string; item: { type: string } }[] };
      expect(view.items).toHaveLength(6);
      expect(view.items.map((i) => i.item.type).sort()).toEqual([
        'fill-in',
        'multiple-choice',
        'multiple-choice',
        'multiple-choice',
        'multiple-response',
        'scenario',
      ]);
      record('resume', await startAt(student, world.a.assignmentId));
      record('read', await student.get(`/api/attempts/${view.id}`));

      for (const [n, entry] of view.items.entries()) {
        const answer = ANSWERS[entry.item.type];
        const saved = record(`save ${n}`, await save(student, view.id, entry.itemId, answer, 1));
        expect(saved.status).toBe(200);
        record(`stale save ${n}`, await save(student, view.id, entry.itemId, answer, 1));
        record(
          `flag ${n}`,
          await student.put(`/api/attempts/${view.id}/items/${entry.itemId}/flag`).send({ flagged: true }),
        );
        record(
          `visit ${n}`,
          await student
            .post(`/api/attempts/${view.id}/visits`)
            .send({ itemId: entry.itemId, action: 'enter' }),
        );
      }
      record(
        'misfit save',
        await save(
          student,
          view.id,
          view.items[0]?.itemId as string,
          { type: 'multiple-choice', choice: 'Q' },
          9,
        ),
      );
      record(
        'enter section',
        await student
          .post(`/api/attempts/${view.id}/sections/only/enter`)
          .set('Content-Type', 'application/json'),
      );
      record('read again', await student.get(`/api/attempts/${view.id}`));
      record('result before submit', await student.get(`/api/attempts/${view.id}/result`));
      record('review before submit', await student.get(`/api/attempts/${view.id}/review`));
      record('my attempts', await student.get('/api/me/attempts'));

      for (const { step, body } of bodies) {
        const text = JSON.stringify(body);
        for (const secret of SECRETS)
          expect({ step, leaked: text.includes(secret) ? secret : null }).toEqual({ step, leaked: null });
      }
      // The search is not vacuous: the bodies hold the items' presentation.
      const read = JSON.stringify(bodies.find((b) => b.step === 'read')?.body);
      expect(read).toContain('MC1 option text C');
      expect(read).toContain('Patient seen for follow-up');

      // After submission with review policy 'never', the result and the refused review stay clean too.
      const result = await submit(student, view.id);
      expect(result.status).toBe(200);
      const review = await student.get(`/api/attempts/${view.id}/review`);
      expect(review.status).toBe(403);
      for (const body of [result.body, review.body, (await student.get(`/api/attempts/${view.id}`)).body]) {
        const text = JSON.stringify(body);
        for (const secret of SECRETS) expect(text.includes(secret) ? secret : null).toBeNull();
      }
    },
  );

  it('the same search finds the secrets where review is allowed (the check can fail)', async () => {
    const world = await createWorld({ items: ITEMS, blueprint: blueprint(), reviewPolicy: 'after-submit' });
    const view = (await startAt(world.a.agents.student, world.a.assignmentId)).body as { id: string };
    await submit(world.a.agents.student, view.id);
    const review = await world.a.agents.student.get(`/api/attempts/${view.id}/review`);
    expect(review.status).toBe(200);
    const text = JSON.stringify(review.body);
    for (const secret of [
      '"key"',
      '"accepted"',
      '"scored"',
      'SECRET-RATIONALE-MR',
      'Z87.891',
      'SECRET-TEXT-ANSWER',
    ])
      expect(text).toContain(secret);
  });

  it('practice feedback reveals the key of the saved item only', async () => {
    const world = await createWorld({ items: ITEMS, blueprint: blueprint(), mode: 'practice' });
    const view = (await startAt(world.a.agents.student, world.a.assignmentId)).body as {
      id: string;
      items: { itemId: string; item: { type: string } }[];
    };
    const fill = view.items.find((i) => i.item.type === 'fill-in');
    const res = await save(world.a.agents.student, view.id, fill?.itemId as string, ANSWERS['fill-in'], 1);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('SECRET-RATIONALE-FILL');
    const read = JSON.stringify((await world.a.agents.student.get(`/api/attempts/${view.id}`)).body);
    expect(read).toContain('SECRET-RATIONALE-FILL');
    for (const other of ITEMS.filter((i) => i.id !== 'fill-1')) expect(read).not.toContain(other.rationale);
  });
});
