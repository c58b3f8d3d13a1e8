/** Reading what submission stored: the score report JSON, the exam's pass mark, item bodies. */
import {
  type Item,
  parseBlueprint,
  type Response,
  responseSchema,
  type ScoreReport,
} from '@coderprep/exam-engine';

/** The stored engine ScoreReport of an attempt, or null before submission (or if unreadable). */
export function reportOf(result: string | null): ScoreReport | null {
  if (result === null) return null;
  try {
    return JSON.parse(result) as ScoreReport;
  } catch {
    return null;
  }
}

/** The pass mark of an exam's blueprint (70, the platform default, when it cannot be read). */
export function passPercentOfExam(exam: { blueprint: string }): number {
  try {
    const parsed = parseBlueprint(JSON.parse(exam.blueprint));
    return parsed.ok ? parsed.blueprint.passPercent : 70;
  } catch {
    return 70;
  }
}

/** The engine Item stored for one version of an item (bodies are validated when saved). */
export const itemBody = (body: string): Item => JSON.parse(body) as Item;

/**
 * The engine Item of an attempt item as grading sees it: known by its row id, as the attempt
 * service grades it at submission.
 */
export const gradingItem = (row: { itemId: string; itemVersion: number; body: string }): Item => ({
  ...itemBody(row.body),
  id: row.itemId,
  version: row.itemVersion,
});

/** A saved response, or undefined when nothing (readable) was saved. */
export function savedResponseOf(response: string | null): Response | undefined {
  if (response === null) return undefined;
  try {
    const parsed = responseSchema.safeParse(JSON.parse(response));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A response only if it answers an item of this type (else it grades as unanswered, never throws). */
export const fitting = (item: Item, response: Response | undefined): Response | undefined =>
  response?.type === item.type ? response : undefined;

/** Domain percents of a report, as the results contracts show them. */
export const domainPercents = (report: ScoreReport | null) =>
  (report?.byDomain ?? []).map((d) => ({
    domain: d.domain,
    percent: d.percent,
    earned: d.earned,
    possible: d.possible,
  }));
