import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dueWarnings,
  earliest,
  MINUTE_MS,
  overallDeadline,
  remainingMs,
  scaledMs,
  sectionDeadline,
} from './clock';

describe('clock arithmetic', () => {
  it('scales minutes by the accommodation factor', () => {
    expect(scaledMs(240, 1)).toBe(240 * MINUTE_MS);
    expect(scaledMs(240, 1.5)).toBe(360 * MINUTE_MS);
    expect(scaledMs(1.5, 1)).toBe(90_000);
  });

  it('takes the earlier of two optional instants', () => {
    expect(earliest(null, null)).toBeNull();
    expect(earliest(5, null)).toBe(5);
    expect(earliest(null, 7)).toBe(7);
    expect(earliest(9, 7)).toBe(7);
  });

  it('ends an attempt at start + limit + extensions, or at the window close if sooner', () => {
    const base = { startedAt: 1_000, limitMs: 60_000, extensionMs: 5_000, windowCloseAt: null };
    expect(overallDeadline(base)).toBe(66_000);
    expect(overallDeadline({ ...base, windowCloseAt: 50_000 })).toBe(50_000);
    expect(overallDeadline({ ...base, limitMs: null })).toBeNull();
    expect(overallDeadline({ ...base, limitMs: null, windowCloseAt: 50_000 })).toBe(50_000);
  });

  it('ends a section at entry + budget, capped by the overall deadline', () => {
    expect(sectionDeadline(10_000, 30_000, 100_000)).toBe(40_000);
    expect(sectionDeadline(90_000, 30_000, 100_000)).toBe(100_000);
    expect(sectionDeadline(90_000, 30_000, null)).toBe(120_000);
  });

  it('never reports negative time left', () => {
    expect(remainingMs(null, 5)).toBeNull();
    expect(remainingMs(100, 40)).toBe(60);
    expect(remainingMs(100, 140)).toBe(0);
  });

  it('makes a warning due once no more than its minutes are left, largest first', () => {
    expect(dueWarnings(31 * MINUTE_MS, [30, 5])).toEqual([]);
    expect(dueWarnings(30 * MINUTE_MS, [5, 30])).toEqual([30]);
    expect(dueWarnings(4 * MINUTE_MS, [5, 30, 30])).toEqual([30, 5]);
    expect(dueWarnings(0, [5, 30])).toEqual([]);
    expect(dueWarnings(null, [5, 30])).toEqual([]);
  });

  it('property: a due warning set only grows as time runs down, until time is up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 240 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 300 * MINUTE_MS }),
        fc.integer({ min: 0, max: 300 * MINUTE_MS }),
        (thresholds, left, less) => {
          const later = Math.max(1, left - less);
          const before = dueWarnings(left, thresholds);
          const after = dueWarnings(later, thresholds);
          for (const t of before) expect(after).toContain(t);
          for (const t of after) expect(later).toBeLessThanOrEqual(t * MINUTE_MS);
        },
      ),
    );
  });
});
