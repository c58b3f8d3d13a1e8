/**
 * The one clock. Every time the server reads comes from here, so tests inject a manual clock and
 * never sleep. Times are UTC milliseconds.
 */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that moves only when told (tests). */
export function createManualClock(start = Date.UTC(2026, 0, 5, 14, 0, 0)): ManualClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
