import { describe, expect, it } from 'vitest';
import { gradeAttempt } from './attempt-grading';
import { type Item, parseItem } from './item';

const item = (input: unknown): Item => {
  const parsed = parseItem(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.item;
};
const mc = (id: string, domain: string, scored = true) =>
  item({
    id,
    domain,
    scored,
    codeSetYear: 2026,
    type: 'multiple-choice',
    stem: `Question ${id}?`,
    rationale: 'Because.',
    options: ['A', 'B', 'C', 'D'].map((o) => ({ id: o, text: `Option ${o}` })),
    key: 'B',
  });
const scenario = item({
  id: 's1',
  domain: 'ccs-medical-scenarios',
  codeSetYear: 2026,
  type: 'scenario',
  stem: 'Read the record.',
  caseText: 'A record.',
  rationale: 'Per UHDDS.',
  subItems: [
    {
      id: 'q1',
      type: 'multiple-choice',
      stem: 'Principal?',
      options: ['A', 'B', 'C', 'D'].map((o) => ({ id: o, text: o })),
      key: 'A',
    },
    {
      id: 'q2',
      type: 'fill-in',
      stem: 'Code?',
      blanks: [{ id: 'b1', kind: 'icd10cm' }],
      key: { b1: { kind: 'icd10cm', accepted: ['E11.9'] } },
    },
  ],
});

describe('gradeAttempt', () => {
  it('grades every item against its drawn version and scores the attempt', () => {
    const { items, report } = gradeAttempt([
      {
        itemId: 'x1',
        sectionId: 'p1',
        item: mc('a', 'anatomy'),
        scored: true,
        response: { type: 'multiple-choice', choice: 'B' },
        timeSpentMs: 10,
      },
      {
        itemId: 'x2',
        sectionId: 'p1',
        item: mc('b', 'anatomy'),
        scored: true,
        response: { type: 'multiple-choice', choice: 'C' },
        timeSpentMs: 20,
      },
      {
        itemId: 'x3',
        sectionId: 'p2',
        item: scenario,
        scored: true,
        response: {
          type: 'scenario',
          subResponses: {
            q1: { type: 'multiple-choice', choice: 'A' },
            q2: { type: 'fill-in', blanks: { b1: 'e119' } },
          },
        },
        timeSpentMs: 30,
      },
      {
        itemId: 'x4',
        sectionId: 'p2',
        item: mc('c', 'anatomy', false),
        scored: false,
        response: undefined,
        timeSpentMs: 0,
      },
    ]);
    expect(items.map((i) => [i.itemId, i.grade.score, i.points, i.choice])).toEqual([
      ['x1', 1, 1, 'B'],
      ['x2', 0, 1, 'C'],
      ['x3', 1, 2, null],
      ['x4', 0, 1, null],
    ]);
    // 1 + 0 + 2 of 4 scored points; the pretest item is not counted.
    expect(report).toMatchObject({ earned: 3, possible: 4, percent: 75, passed: true, answered: 3 });
    expect(report.pretest.items).toBe(1);
    expect(report.bySection.map((s) => s.sectionId)).toEqual(['p1', 'p2']);
    expect(report.timePerItem).toEqual({ x1: 10, x2: 20, x3: 30, x4: 0 });
  });

  it('treats a response of the wrong type as unanswered instead of failing the submission', () => {
    const { items, report } = gradeAttempt(
      [
        {
          itemId: 'x1',
          sectionId: 'p1',
          item: mc('a', 'anatomy'),
          scored: true,
          response: { type: 'multiple-response', choices: ['B'] },
          timeSpentMs: 0,
        },
      ],
      { passPercent: 50 },
    );
    expect(items[0]!.grade.answered).toBe(false);
    expect(report).toMatchObject({ percent: 0, passed: false, passPercent: 50 });
  });
});
