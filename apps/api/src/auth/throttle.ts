/**
 * Login throttling: failures are counted per account and per client address in a sliding
 * window; past the limit, further attempts are refused until the window has passed. In memory:
 * one process serves the platform, and a restart forgetting counts is acceptable.
 */
import type { Clock } from '../clock';

export interface ThrottleRule {
  /** Failures allowed within the window. */
  limit: number;
  windowMs: number;
}

export interface Throttle {
  /** Milliseconds to wait before trying again, or 0 when allowed. */
  retryAfter(key: string): number;
  fail(key: string): void;
  reset(key: string): void;
}

export function createThrottle(rule: ThrottleRule, clock: Clock): Throttle {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = clock.now() - rule.windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  return {
    retryAfter(key) {
      const list = recent(key);
      if (list.length < rule.limit) return 0;
      return Math.max(1, list[list.length - rule.limit]! + rule.windowMs - clock.now());
    },
    fail(key) {
      failures.set(key, [...recent(key), clock.now()]);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}

/** Per account: 5 failures in 15 minutes. Per address: 30 failures in 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { limit: 30, windowMs: 15 * 60_000 };
