import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngineError } from './errors';
import { type GradedEntry, scoreAttempt, weakestDomains } from './scoring';

const entry = (over: Partial<GradedEntry> = {}): GradedEntry => ({
  itemId: 'i1',
  sectionId: 's1',
  domain: 'anatomy',
  scored: true,
  points: 1,
  score: 1,
  answered: true,
  timeSpentMs: 1000,
  ...over,
});

/** n entries, the first `right` correct, the rest wrong. */
const run = (n: number, right: number, over: Partial<GradedEntry> = {}) =>
  Array.from({ length: n }, (_, i) => entry({ itemId: `i${i}`, score: i < right ? 1 : 0, ...over }));

describe('scoreAttempt', () => {
  it('passes at exactly the threshold and fails one point below', () => {
    expect(scoreAttempt(run(100, 70)).passed).toBe(true);
    expect(scoreAttempt(run(100, 70)).percent).toBe(70);
    expect(scoreAttempt(run(100, 69)).passed).toBe(false);
    // 7 of 10 is 70% even though 0.7 * 100 is not exact in floating point.
    expect(scoreAttempt(run(10, 7)).passed).toBe(true);
  });

  it('uses the configured pass mark', () => {
    expect(scoreAttempt(run(10, 7), { passPercent: 75 }).passed).toBe(false);
    expect(scoreAttempt(run(10, 8), { passPercent: 75 }).passed).toBe(true);
  });

  it('excludes pretest items from the score but reports them apart', () => {
    const entries = [
      ...run(10, 7),
      ...run(5, 0, { scored: false }).map((e, i) => ({ ...e, itemId: `p${i}` })),
    ];
    const report = scoreAttempt(entries);
    expect(report.percent).toBe(70);
    expect(report.possible).toBe(10);
    expect(report.pretest).toMatchObject({ items: 5, earned: 0, possible: 5 });
    expect(report.byDomain.map((d) => d.items)).toEqual([10]);
  });

  it('breaks the score down by domain and by section, weighting scenarios by their points', () => {
    const report = scoreAttempt([
      entry({ itemId: 'a', domain: 'radiology', sectionId: 'p1', score: 1 }),
      entry({ itemId: 'b', domain: 'radiology', sectionId: 'p1', score: 0 }),
      entry({ itemId: 'c', domain: 'anatomy', sectionId: 'p2', score: 0.5, points: 4 }),
    ]);
    expect(report.earned).toBe(3);
    expect(report.possible).toBe(6);
    expect(report.percent).toBe(50);
    expect(report.byDomain).toEqual([
      { domain: 'anatomy', earned: 2, possible: 4, percent: 50, items: 1, answered: 1 },
      { domain: 'radiology', earned: 1, possible: 2, percent: 50, items: 2, answered: 2 },
    ]);
    expect(report.bySection.map((s) => [s.sectionId, s.percent])).toEqual([
      ['p1', 50],
      ['p2', 50],
    ]);
  });

  it('counts answered items and sums time per item', () => {
    const report = scoreAttempt([
      entry({ itemId: 'a', timeSpentMs: 3000 }),
      entry({ itemId: 'b', answered: false, score: 0, timeSpentMs: 500 }),
    ]);
    expect(report.answered).toBe(1);
    expect(report.timeSpentMs).toBe(3500);
    expect(report.timePerItem).toEqual({ a: 3000, b: 500 });
  });

  it('scores an empty or pretest-only attempt as 0 and failed', () => {
    expect(scoreAttempt([])).toMatchObject({ percent: 0, passed: false, possible: 0 });
    expect(scoreAttempt(run(3, 3, { scored: false }))).toMatchObject({ percent: 0, passed: false });
  });

  it('refuses a score outside 0..1, non-positive points and negative time', () => {
    for (const bad of [{ score: 1.5 }, { score: Number.NaN }, { points: 0 }, { timeSpentMs: -1 }]) {
      try {
        scoreAttempt([entry(bad)]);
        expect.unreachable();
      } catch (error) {
        expect(isEngineError(error, 'invalid-response')).toBe(true);
      }
    }
  });

  it('keeps every percent within 0..100 and earned within possible (property)', () => {
    const arbEntry = fc.record({
      itemId: fc.string({ maxLength: 4 }),
      sectionId: fc.constantFrom('s1', 's2'),
      domain: fc.constantFrom('a', 'b', 'c'),
      scored: fc.boolean(),
      points: fc.integer({ min: 1, max: 5 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      answered: fc.boolean(),
      timeSpentMs: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.array(arbEntry, { maxLength: 60 }),
        fc.integer({ min: 0, max: 100 }),
        (entries, mark) => {
          const report = scoreAttempt(entries, { passPercent: mark });
          for (const t of [report, report.pretest, ...report.byDomain, ...report.bySection]) {
            expect(t.percent).toBeGreaterThanOrEqual(0);
            expect(t.percent).toBeLessThanOrEqual(100);
            expect(t.earned).toBeLessThanOrEqual(t.possible + 1e-9);
          }
          const scored = entries.filter((e) => e.scored);
          const earned = scored.reduce((sum, e) => sum + e.score * e.points, 0);
          const possible = scored.reduce((sum, e) => sum + e.points, 0);
          if (Math.abs(earned * 100 - mark * possible) > 1e-6)
            expect(report.passed).toBe(possible > 0 && earned * 100 > mark * possible);
        },
      ),
    );
  });
});

describe('weakestDomains', () => {
  it('lists the lowest-scoring domains first', () => {
    const report = scoreAttempt([
      entry({ itemId: 'a', domain: 'anatomy', score: 1 }),
      entry({ itemId: 'b', domain: 'radiology', score: 0 }),
      entry({ itemId: 'c', domain: 'medicine', score: 0.5 }),
    ]);
    expect(weakestDomains(report, 2)).toEqual(['radiology', 'medicine']);
  });
});
