/**
 * Grading a whole attempt: every drawn item graded against the version the attempt drew, then
 * scored. The server calls this at submission and again when a key fix regrades an attempt.
 */
import type { CodeSet } from './codeset';
import { type Grade, gradeResponse } from './grading';
import { type Item, itemPoints } from './item';
import type { Response } from './response';
import { type GradedEntry, type ScoreReport, scoreAttempt } from './scoring';

/** One drawn item of an attempt with what the student saved for it. */
export interface AttemptItem {
  itemId: string;
  sectionId: string;
  /** The item body at the version the attempt drew. */
  item: Item;
  /** false for pretest items. */
  scored: boolean;
  response: Response | undefined;
  timeSpentMs: number;
}

export interface GradedItem {
  itemId: string;
  grade: Grade;
  points: number;
  /** The chosen option of a multiple-choice item (for distractor analysis), else null. */
  choice: string | null;
}

export interface AttemptGrade {
  items: GradedItem[];
  report: ScoreReport;
}

/** Grades and scores an attempt. A response of the wrong type grades as unanswered, never throws. */
export function gradeAttempt(
  attemptItems: readonly AttemptItem[],
  options: { passPercent?: number; codeSet?: CodeSet } = {},
): AttemptGrade {
  const gradeOptions = options.codeSet ? { codeSet: options.codeSet } : {};
  const items: GradedItem[] = [];
  const entries: GradedEntry[] = [];
  for (const entry of attemptItems) {
    const response = entry.response?.type === entry.item.type ? entry.response : undefined;
    const grade = gradeResponse(entry.item, response, gradeOptions);
    const points = itemPoints(entry.item);
    const choice = response?.type === 'multiple-choice' ? response.choice : null;
    items.push({ itemId: entry.itemId, grade, points, choice });
    entries.push({
      itemId: entry.itemId,
      sectionId: entry.sectionId,
      domain: entry.item.domain,
      scored: entry.scored,
      points,
      score: grade.score,
      answered: grade.answered,
      timeSpentMs: entry.timeSpentMs,
    });
  }
  const scoring = options.passPercent === undefined ? {} : { passPercent: options.passPercent };
  return { items, report: scoreAttempt(entries, scoring) };
}
