/**
 * Scoring an attempt: percent, pass/fail against the threshold, per-domain and per-section
 * breakdowns, pretest items reported apart and never counted, time spent per item.
 */
import { EngineError } from './errors';

/** One graded item of an attempt, as scoring needs it. */
export interface GradedEntry {
  itemId: string;
  sectionId: string;
  domain: string;
  /** false for pretest items: reported, never counted. */
  scored: boolean;
  /** What the item is worth (one, or one per sub-item for a scenario). */
  points: number;
  /** The grade's score, 0..1. */
  score: number;
  answered: boolean;
  timeSpentMs: number;
}

/** Earned against possible points for a group of items. */
export interface Tally {
  earned: number;
  possible: number;
  /** 0..100, rounded to 2 decimals; 0 when nothing is possible. */
  percent: number;
  items: number;
  answered: number;
}

export interface ScoreReport extends Tally {
  passPercent: number;
  passed: boolean;
  byDomain: (Tally & { domain: string })[];
  bySection: (Tally & { sectionId: string })[];
  /** Pretest items, reported apart; not part of the score. */
  pretest: Tally;
  timeSpentMs: number;
  timePerItem: Record<string, number>;
}

const emptyTally = (): Tally => ({ earned: 0, possible: 0, percent: 0, items: 0, answered: 0 });

/** Rounds to two decimals without drifting 70 to 69.99. */
const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

function add(tally: Tally, entry: GradedEntry): void {
  tally.earned += entry.score * entry.points;
  tally.possible += entry.points;
  tally.items += 1;
  if (entry.answered) tally.answered += 1;
}

/** The map's value for `key`, created by `make` when absent. */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function finish<T extends Tally>(tally: T): T {
  tally.earned = round2(tally.earned);
  tally.percent = tally.possible === 0 ? 0 : round2((tally.earned / tally.possible) * 100);
  return tally;
}

function validate(entry: GradedEntry, index: number): void {
  if (entry.score >= 0 && entry.score <= 1 && entry.points > 0 && entry.timeSpentMs >= 0) return;
  if (!(entry.score >= 0 && entry.score <= 1))
    throw new EngineError(
      'invalid-response',
      `entry ${index} (${entry.itemId}): score ${entry.score} is not in 0..1`,
    );
  if (!(entry.points > 0))
    throw new EngineError('invalid-response', `entry ${index} (${entry.itemId}): points must be positive`);
  if (!(entry.timeSpentMs >= 0))
    throw new EngineError('invalid-response', `entry ${index} (${entry.itemId}): time spent must be >= 0`);
}

/** Scores a graded attempt. Pass = percent of scored points >= passPercent (70 by default). */
export function scoreAttempt(
  entries: readonly GradedEntry[],
  options: { passPercent?: number } = {},
): ScoreReport {
  const passPercent = options.passPercent ?? 70;
  const total = emptyTally();
  const pretest = emptyTally();
  const byDomain = new Map<string, Tally & { domain: string }>();
  const bySection = new Map<string, Tally & { sectionId: string }>();
  // A hash-mode object from the start: adding 150 item ids to a literal `{}` walks V8 through
  // 150 hidden-class transitions on every call.
  const timePerItem: Record<string, number> = Object.create(null);
  let timeSpentMs = 0;

  // A plain loop without closures: this runs on every submission and every regrade.
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as GradedEntry;
    validate(entry, index);
    timePerItem[entry.itemId] = (timePerItem[entry.itemId] ?? 0) + entry.timeSpentMs;
    timeSpentMs += entry.timeSpentMs;
    if (!entry.scored) {
      add(pretest, entry);
      continue;
    }
    add(total, entry);
    let domain = byDomain.get(entry.domain);
    if (domain === undefined) {
      domain = { domain: entry.domain, earned: 0, possible: 0, percent: 0, items: 0, answered: 0 };
      byDomain.set(entry.domain, domain);
    }
    add(domain, entry);
    let section = bySection.get(entry.sectionId);
    if (section === undefined) {
      section = { sectionId: entry.sectionId, earned: 0, possible: 0, percent: 0, items: 0, answered: 0 };
      bySection.set(entry.sectionId, section);
    }
    add(section, entry);
  }

  // Compare in points, not rounded percents, so 70.0% passes a 70% mark exactly.
  const passed = total.possible > 0 && total.earned * 100 + 1e-9 >= passPercent * total.possible;
  finish(total);
  return {
    earned: total.earned,
    possible: total.possible,
    percent: total.percent,
    items: total.items,
    answered: total.answered,
    passPercent,
    passed,
    byDomain: [...byDomain.values()]
      .map(finish)
      .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)),
    bySection: [...bySection.values()].map(finish),
    pretest: finish(pretest),
    timeSpentMs,
    timePerItem,
  };
}

/** The domains with the lowest percent first (ties: more items first): what a drill should target. */
export function weakestDomains(report: Pick<ScoreReport, 'byDomain'>, limit = 3): string[] {
  return [...report.byDomain]
    .sort((a, b) => a.percent - b.percent || b.items - a.items || a.domain.localeCompare(b.domain))
    .slice(0, limit)
    .map((d) => d.domain);
}
