import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngineError } from './errors';
import { analyseItems } from './item-analysis';

/**
 * A worked example computed independently (Python's statistics module, by the formulas in
 * shared/domain.md): 6 attempts x 4 items, the fourth item worth 2 marks.
 */
const marks = [
  [1, 1, 0, 2],
  [1, 0, 0, 1],
  [0, 1, 1, 2],
  [1, 1, 1, 0],
  [0, 0, 0, 1],
  [1, 1, 0, 2],
];
const items = [
  { itemId: 'q1', maxMark: 1 },
  { itemId: 'q2', maxMark: 1 },
  { itemId: 'q3', maxMark: 1 },
  { itemId: 'q4', maxMark: 2 },
];
const q1Choices = ['A', 'A', 'B', 'A', null, 'A'];
const attempts = marks.map((m, a) => ({ marks: m, choices: [q1Choices[a] ?? null, null, null, null] }));

describe('analyseItems: the worked example', () => {
  const result = analyseItems(items, attempts, { groupFraction: 1 / 3 });

  it('computes facility and standard deviation per item', () => {
    expect(result.items.map((i) => i.facility)).toEqual(
      [2 / 3, 2 / 3, 1 / 3, 2 / 3].map((v) => expect.closeTo(v, 12)),
    );
    expect(result.items[0]!.sd).toBeCloseTo(0.5163977794943223, 12);
    expect(result.items[3]!.sd).toBeCloseTo(0.408248290463863, 12);
  });

  it('computes the discrimination index against the rest of the test', () => {
    const expected = [-10.660035817780518, 79.05694150420948, -10.660035817780521, -7.905694150420952];
    for (const [i, item] of result.items.entries()) expect(item.discrimination).toBeCloseTo(expected[i]!, 9);
  });

  it('computes discriminative efficiency and flags dubious items', () => {
    const expected = [-12.5, 100, -12.5, -9.090909090909093];
    for (const [i, item] of result.items.entries())
      expect(item.discriminativeEfficiency).toBeCloseTo(expected[i]!, 9);
    expect(result.items.map((i) => i.dubious)).toEqual([true, false, true, true]);
  });

  it('computes the test statistics: CIC, error ratio, standard error', () => {
    expect(result.test.mean).toBe(3);
    expect(result.test.sd).toBeCloseTo(1.2649110640673518, 12);
    expect(result.test.cic).toBeCloseTo(11.111111111111102, 9);
    expect(result.test.errorRatio).toBeCloseTo(94.28090415820634, 9);
    expect(result.test.standardError).toBeCloseTo(1.1925695879998879, 9);
  });

  it('counts distractors overall and in the upper and lower groups', () => {
    // Totals 4,2,4,3,1,4: lower third = attempts 5 and 2, upper third = attempts 6 and 3.
    expect(result.items[0]!.distractors).toEqual([
      { option: 'A', total: 4, upper: 1, lower: 1 },
      { option: 'B', total: 1, upper: 1, lower: 0 },
      { option: null, total: 1, upper: 0, lower: 1 },
    ]);
  });
});

describe('analyseItems: edge cases', () => {
  it('reports null discrimination for an item everyone got right, and does not call it dubious', () => {
    const result = analyseItems(items.slice(0, 2), [{ marks: [1, 0] }, { marks: [1, 1] }, { marks: [1, 0] }]);
    expect(result.items[0]).toMatchObject({
      facility: 1,
      discrimination: null,
      discriminativeEfficiency: null,
    });
    expect(result.items[0]!.dubious).toBe(false);
    expect(result.items[0]!.distractors).toEqual([]);
  });

  it('gives a perfectly consistent test a CIC of 100 and a standard error of 0', () => {
    const result = analyseItems(items.slice(0, 2), [{ marks: [1, 1] }, { marks: [0, 0] }, { marks: [1, 1] }]);
    expect(result.test.cic).toBeCloseTo(100, 9);
    expect(result.test.standardError).toBeCloseTo(0, 9);
    expect(result.items[0]!.discrimination).toBeCloseTo(100, 9);
  });

  it('refuses input it cannot analyse, saying where', () => {
    const cases: [Parameters<typeof analyseItems>, RegExp][] = [
      [[items, [{ marks: [1, 1, 1, 1] }]], /at least two attempts/],
      [[items, [{ marks: [1] }, { marks: [1] }]], /attempt 0: 1 marks for 4 items/],
      [[items, [{ marks: [1, 1, 1, 3] }, { marks: [0, 0, 0, 0] }]], /attempt 0, item 3: mark 3/],
      [[[{ itemId: 'x', maxMark: 0 }], []], /maxMark must be positive/],
      [[items.slice(0, 1), [{ marks: [1], choices: [] }, { marks: [0] }]], /attempt 0: 0 choices/],
      [[items.slice(0, 1), [{ marks: [1] }, { marks: [0] }], { groupFraction: 0.9 }], /groupFraction/],
    ];
    for (const [args, message] of cases) {
      try {
        analyseItems(...args);
        expect.unreachable();
      } catch (error) {
        expect(isEngineError(error, 'invalid-analysis-input')).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
    }
  });

  it('keeps every statistic within its range for random 0/1 data (property)', () => {
    const data = fc.integer({ min: 2, max: 6 }).chain((p) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: p, maxLength: p }), {
        minLength: 2,
        maxLength: 30,
      }),
    );
    fc.assert(
      fc.property(data, (rows) => {
        const its = rows[0]!.map((_, i) => ({ itemId: `i${i}`, maxMark: 1 }));
        const result = analyseItems(
          its,
          rows.map((m) => ({ marks: m })),
        );
        for (const item of result.items) {
          expect(item.facility).toBeGreaterThanOrEqual(0);
          expect(item.facility).toBeLessThanOrEqual(1);
          if (item.discrimination !== null)
            expect(Math.abs(item.discrimination)).toBeLessThanOrEqual(100 + 1e-9);
          if (item.discriminativeEfficiency !== null)
            expect(item.discriminativeEfficiency).toBeLessThanOrEqual(100 + 1e-9);
        }
        if (result.test.cic !== null) expect(result.test.cic).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });
});
