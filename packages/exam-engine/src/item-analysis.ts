/**
 * Classical item analysis as Moodle's quiz statistics compute it (see shared/domain.md):
 * facility, standard deviation, discrimination index (corrected item-total correlation),
 * discriminative efficiency, Cronbach's alpha (CIC), error ratio, standard error, and a
 * distractor table split by upper and lower score groups. Pretest items are analysed too.
 *
 * Every variance and covariance uses (s - 1) denominators. The input is column-friendly
 * typed arrays so 10,000 attempts x 150 items analyse well under a second.
 */
import { EngineError } from './errors';
import { getOrAdd } from './scoring';

export interface AnalysisItem {
  itemId: string;
  /** The most an attempt can score on this item (> 0). */
  maxMark: number;
}

export interface AnalysisAttempt {
  /** Mark per item, in the order of `items`, each within 0..maxMark. */
  marks: readonly number[];
  /** Chosen option id per item (null when unanswered or not a choice item); for distractor counts. */
  choices?: readonly (string | null)[];
}

export interface DistractorRow {
  /** The option id, or null for "no answer". */
  option: string | null;
  total: number;
  upper: number;
  lower: number;
}

export interface ItemStatistics {
  itemId: string;
  attempts: number;
  /** Mean mark / max mark, 0..1. */
  facility: number;
  /** Standard deviation of the mark / max mark. */
  sd: number;
  /** 100 * corr(x, X - x); null when either side has no variance. */
  discrimination: number | null;
  /** 100 * cov(x, X - x) / covmax; null when covmax is 0. */
  discriminativeEfficiency: number | null;
  /** DE < 15 or D < 0: worth an instructor's look. */
  dubious: boolean;
  distractors: DistractorRow[];
}

export interface TestStatistics {
  attempts: number;
  items: number;
  /** Mean of attempt totals. */
  mean: number;
  /** Standard deviation of attempt totals. */
  sd: number;
  /** Cronbach's alpha as a percent; null with fewer than 2 items or no total variance. */
  cic: number | null;
  /** 100 * sqrt(1 - CIC/100); null when CIC is null or negative. */
  errorRatio: number | null;
  /** ER * SD / 100, in marks. */
  standardError: number | null;
}

export interface ItemAnalysis {
  test: TestStatistics;
  items: ItemStatistics[];
}

export interface AnalysisOptions {
  /** Share of attempts in each of the upper and lower groups (default 0.27, the classic Kelley split). */
  groupFraction?: number;
}

const DUBIOUS_EFFICIENCY = 15;

function check(items: readonly AnalysisItem[], attempts: readonly AnalysisAttempt[]): void {
  items.forEach((item, i) => {
    if (!(item.maxMark > 0))
      throw new EngineError('invalid-analysis-input', `item ${i} (${item.itemId}): maxMark must be positive`);
  });
  attempts.forEach((attempt, a) => {
    if (attempt.marks.length !== items.length)
      throw new EngineError(
        'invalid-analysis-input',
        `attempt ${a}: ${attempt.marks.length} marks for ${items.length} items`,
      );
    if (attempt.choices && attempt.choices.length !== items.length)
      throw new EngineError(
        'invalid-analysis-input',
        `attempt ${a}: ${attempt.choices.length} choices for ${items.length} items`,
      );
    attempt.marks.forEach((mark, i) => {
      if (!(mark >= 0 && mark <= (items[i]?.maxMark ?? 0)))
        throw new EngineError(
          'invalid-analysis-input',
          `attempt ${a}, item ${i}: mark ${mark} is out of range`,
        );
    });
  });
}

/** Sample covariance of two equal-length series given their means. */
function covariance(x: Float64Array, y: Float64Array, mx: number, my: number): number {
  let sum = 0;
  for (let k = 0; k < x.length; k++) sum += (x[k]! - mx) * (y[k]! - my);
  return sum / (x.length - 1);
}

/** Runs the whole analysis. Needs at least two attempts (every statistic divides by s - 1). */
export function analyseItems(
  items: readonly AnalysisItem[],
  attempts: readonly AnalysisAttempt[],
  options: AnalysisOptions = {},
): ItemAnalysis {
  check(items, attempts);
  const s = attempts.length;
  const p = items.length;
  if (s < 2) throw new EngineError('invalid-analysis-input', 'item analysis needs at least two attempts');

  // Column-major marks: one contiguous series per item.
  const columns = items.map(() => new Float64Array(s));
  const totals = new Float64Array(s);
  for (let a = 0; a < s; a++) {
    const marks = attempts[a]!.marks;
    let total = 0;
    for (let i = 0; i < p; i++) {
      const mark = marks[i]!;
      columns[i]![a] = mark;
      total += mark;
    }
    totals[a] = total;
  }
  const meanTotal = totals.reduce((sum, v) => sum + v, 0) / s;
  const varTotal = covariance(totals, totals, meanTotal, meanTotal);

  const groups = scoreGroups(totals, options.groupFraction ?? 0.27);
  const rest = new Float64Array(s);
  let sumItemVariance = 0;

  const itemStats = items.map((item, i): ItemStatistics => {
    const x = columns[i]!;
    let sumX = 0;
    for (let a = 0; a < s; a++) {
      sumX += x[a]!;
      rest[a] = totals[a]! - x[a]!;
    }
    const meanX = sumX / s;
    const meanRest = meanTotal - meanX;
    const varX = covariance(x, x, meanX, meanX);
    const varRest = covariance(rest, rest, meanRest, meanRest);
    const cov = covariance(x, rest, meanX, meanRest);
    sumItemVariance += varX;

    const discrimination = varX > 0 && varRest > 0 ? (100 * cov) / Math.sqrt(varX * varRest) : null;
    const covMax = covariance(Float64Array.from(x).sort(), Float64Array.from(rest).sort(), meanX, meanRest);
    const discriminativeEfficiency = covMax > 0 ? (100 * cov) / covMax : null;
    return {
      itemId: item.itemId,
      attempts: s,
      facility: meanX / item.maxMark,
      sd: Math.sqrt(varX) / item.maxMark,
      discrimination,
      discriminativeEfficiency,
      dubious:
        (discriminativeEfficiency !== null && discriminativeEfficiency < DUBIOUS_EFFICIENCY) ||
        (discrimination !== null && discrimination < 0),
      distractors: distractorTable(attempts, i, groups),
    };
  });

  const cic = p >= 2 && varTotal > 0 ? 100 * (p / (p - 1)) * (1 - sumItemVariance / varTotal) : null;
  const errorRatio = cic !== null && cic <= 100 ? 100 * Math.sqrt(1 - cic / 100) : null;
  const sd = Math.sqrt(varTotal);
  return {
    test: {
      attempts: s,
      items: p,
      mean: meanTotal,
      sd,
      cic,
      errorRatio,
      standardError: errorRatio === null ? null : (errorRatio * sd) / 100,
    },
    items: itemStats,
  };
}

/** Marks each attempt as upper (1), lower (-1) or middle (0) by its total, ties broken by position. */
function scoreGroups(totals: Float64Array, fraction: number): Int8Array {
  if (!(fraction > 0 && fraction <= 0.5))
    throw new EngineError('invalid-analysis-input', 'groupFraction must be in (0, 0.5]');
  const order = Array.from(totals.keys()).sort((a, b) => totals[a]! - totals[b]! || a - b);
  const size = Math.max(1, Math.round(totals.length * fraction));
  const groups = new Int8Array(totals.length);
  for (let k = 0; k < size; k++) {
    groups[order[k]!] = -1;
    groups[order[order.length - 1 - k]!] = 1;
  }
  return groups;
}

/** How many chose each option, overall and in the upper and lower groups. */
function distractorTable(
  attempts: readonly AnalysisAttempt[],
  item: number,
  groups: Int8Array,
): DistractorRow[] {
  const rows = new Map<string | null, DistractorRow>();
  let any = false;
  attempts.forEach((attempt, a) => {
    if (!attempt.choices) return;
    any = true;
    const option = attempt.choices[item] ?? null;
    const row = getOrAdd(rows, option, () => ({ option, total: 0, upper: 0, lower: 0 }));
    row.total++;
    if (groups[a] === 1) row.upper++;
    else if (groups[a] === -1) row.lower++;
  });
  if (!any) return [];
  return [...rows.values()].sort((a, b) =>
    a.option === null ? 1 : b.option === null ? -1 : a.option.localeCompare(b.option),
  );
}
