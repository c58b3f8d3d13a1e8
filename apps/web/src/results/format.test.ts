import { describe, expect, it } from 'vitest';
import { formatDuration, formatMinutes, formatPercent, localiseInstants } from './format';

describe('formats', () => {
  it('writes durations, limits and percentages', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(750_000)).toBe('12 min 30 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatMinutes(360)).toBe('6 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(null)).toBe('Untimed');
    expect(formatPercent(70)).toBe('70%');
    expect(formatPercent(66.666)).toBe('66.7%');
  });

  it('rewrites the server’s ISO instants in the browser’s locale and zone', () => {
    const text = localiseInstants('This assignment opens at 2026-05-01T09:30:00.000Z.');
    expect(text).not.toContain('T09:30');
    expect(text).toMatch(/^This assignment opens at .*2026.*\.$/);
  });
});
