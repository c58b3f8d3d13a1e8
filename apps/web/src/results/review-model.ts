/**
 * The review page's reading of an item and its grade. The contract types the grade's detail
 * loosely (its shape is the engine's GradeDetail); these are the parts the page shows, and the
 * words it uses for answers, keys and statuses.
 */
import type { GradeView } from '@coderprep/contracts';
import { formatPercent } from './format';
import type { ReviewItem } from './store';

export type ReviewedItem = ReviewItem['item'];
export type ScenarioItem = Extract<ReviewedItem, { type: 'scenario' }>;
export type SubItem = ScenarioItem['subItems'][number];
/** Anything answered directly: an item other than a scenario, or a scenario's sub-item. */
export type Question = Exclude<ReviewedItem, ScenarioItem> | SubItem;

export type ChoiceDetail = { type: 'multiple-choice'; chosen: string | null; key: string };
export type ChoicesDetail = {
  type: 'multiple-response';
  options: { id: string; chosen: boolean; keyed: boolean }[];
};
export type BlankDetail = {
  blankId: string;
  label: string;
  kind: string;
  status: string;
  message: string;
  entered: unknown;
  accepted: unknown;
  entries?: { entered: string; status: string; message: string }[];
  missing?: string[];
  tolerance?: number;
};
export type FillInDetail = { type: 'fill-in'; blanks: BlankDetail[] };
export type ScenarioDetail = { type: 'scenario'; subItems: { id: string; grade: GradeView }[] };

export const choiceDetail = (grade: GradeView): ChoiceDetail | null =>
  grade.detail.type === 'multiple-choice' ? (grade.detail as unknown as ChoiceDetail) : null;
export const choicesDetail = (grade: GradeView): ChoicesDetail | null =>
  grade.detail.type === 'multiple-response' && Array.isArray(grade.detail.options)
    ? (grade.detail as unknown as ChoicesDetail)
    : null;
export const fillInDetail = (grade: GradeView): FillInDetail | null =>
  grade.detail.type === 'fill-in' && Array.isArray(grade.detail.blanks)
    ? (grade.detail as unknown as FillInDetail)
    : null;
export const scenarioDetail = (grade: GradeView): ScenarioDetail | null =>
  grade.detail.type === 'scenario' && Array.isArray(grade.detail.subItems)
    ? (grade.detail as unknown as ScenarioDetail)
    : null;

/** The verdict on a graded response, in words. */
export function gradeStatus(grade: GradeView): {
  word: string;
  tone: 'correct' | 'partial' | 'wrong' | 'missing';
} {
  if (grade.correct) return { word: 'Correct', tone: 'correct' };
  if (!grade.answered) return { word: 'Not answered', tone: 'missing' };
  if (grade.score > 0)
    return { word: `Partly correct (${formatPercent(grade.score * 100)})`, tone: 'partial' };
  return { word: 'Incorrect', tone: 'wrong' };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A procedure line, typed or keyed: "99213-25-59 × 2". */
function procedureLine(line: Record<string, unknown>): string {
  const code = String(line.code ?? '').trim();
  const modifiers = Array.isArray(line.modifiers)
    ? line.modifiers.map(String).filter(Boolean)
    : String(line.modifiers ?? '')
        .split(/[\s,-]+/)
        .filter(Boolean);
  const units = String(line.units ?? '').trim();
  const text = [code, ...modifiers].filter(Boolean).join('-');
  if (!text) return '';
  return units && units !== '1' ? `${text} × ${units}` : text;
}

/** What the student entered in a blank, as text ('' when nothing). */
export function enteredText(entered: unknown): string {
  if (typeof entered === 'string') return entered.trim();
  if (Array.isArray(entered))
    return entered
      .map((e) => String(e).trim())
      .filter(Boolean)
      .join(', ');
  if (isRecord(entered)) return procedureLine(entered);
  return '';
}

/** The accepted answers of a blank, as text ("E11.9 or E11.65"; a code list in order with optional codes marked). */
export function acceptedText(blank: BlankDetail): string {
  const accepted = Array.isArray(blank.accepted) ? blank.accepted : [];
  if (blank.kind === 'code-list')
    return accepted
      .map((entry) =>
        isRecord(entry) ? `${String(entry.code)}${entry.optional ? ' (optional)' : ''}` : String(entry),
      )
      .join(', ');
  const within = blank.kind === 'number' && blank.tolerance ? ` (± ${blank.tolerance})` : '';
  return (
    accepted.map((entry) => (isRecord(entry) ? procedureLine(entry) : String(entry))).join(' or ') + within
  );
}
