/**
 * Clock arithmetic for attempts: deadlines, time left and warnings, on UTC milliseconds the
 * caller passes in (the server's clock; the client only displays what it is told).
 */

export const MINUTE_MS = 60_000;

/** Minutes of exam time scaled by an accommodation factor, in whole milliseconds. */
export function scaledMs(minutes: number, factor: number): number {
  return Math.round(minutes * MINUTE_MS * factor);
}

/** The smaller of two optional instants; null = no bound. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** When the whole attempt ends: min(start + limit + extensions, window close); null = never. */
export function overallDeadline(clock: {
  startedAt: number;
  /** The limit already scaled by the accommodation factor; null = untimed. */
  limitMs: number | null;
  extensionMs: number;
  windowCloseAt: number | null;
}): number | null {
  const byLimit = clock.limitMs === null ? null : clock.startedAt + clock.limitMs + clock.extensionMs;
  return earliest(byLimit, clock.windowCloseAt);
}

/** When a section entered at `enteredAt` ends: its (scaled) budget from entry, capped by the overall deadline. */
export function sectionDeadline(enteredAt: number, budgetMs: number, overall: number | null): number {
  return earliest(enteredAt + budgetMs, overall) as number;
}

/** Milliseconds left before `deadline` (never negative); null when there is no deadline. */
export function remainingMs(deadline: number | null, now: number): number | null {
  return deadline === null ? null : Math.max(0, deadline - now);
}

/**
 * The warning thresholds (minutes left) that are due with `leftMs` remaining, largest first.
 * A threshold is due once no more than that much time is left, until time is up.
 */
export function dueWarnings(leftMs: number | null, thresholdsMinutes: readonly number[]): number[] {
  if (leftMs === null || leftMs <= 0) return [];
  return [...new Set(thresholdsMinutes)].filter((t) => leftMs <= t * MINUTE_MS).sort((a, b) => b - a);
}
