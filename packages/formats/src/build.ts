/** Building item bodies from what choice and short-answer formats hold, with the meta pairs applied. */
import type { Blank, BlankKey } from '@coderprep/exam-engine';
import { type BlankHint, blankFromAnswers } from './answers';
import { type ItemMeta, optionLetter } from './meta';

/** An answer option as a choice format holds it. */
export type Choice = { text: string; rationale: string; correct: boolean; id?: string };

/** Sets the item-level meta facts (difficulty, year, scored, version) on item fields. */
export function applyItemMeta(fields: Record<string, unknown>, meta: ItemMeta): void {
  if (meta.domain !== undefined) fields.domain = meta.domain;
  if (meta.difficulty !== undefined) fields.difficulty = meta.difficulty;
  if (meta.codeSetYear !== undefined) fields.codeSetYear = meta.codeSetYear;
  if (meta.scored !== undefined) fields.scored = meta.scored;
  if (meta.version !== undefined) fields.version = meta.version;
}

/** A multiple-choice body (one correct choice) or multiple-response body (several). */
export function choiceBody(
  choices: readonly Choice[],
  multiple: boolean,
  meta: ItemMeta,
  warnings: string[],
): Record<string, unknown> {
  let ids = choices.map((c, i) => c.id ?? optionLetter(i));
  if (meta.optionIds) {
    if (meta.optionIds.length === choices.length) ids = meta.optionIds;
    else
      warnings.push(
        `the option ids in the meta data do not match the ${choices.length} options: A, B, ... used`,
      );
  }
  const options = choices.map((c, i) => ({
    id: ids[i] ?? optionLetter(i),
    text: c.text,
    rationale: c.rationale,
  }));
  const correct = choices.flatMap((c, i) => (c.correct ? [ids[i] ?? optionLetter(i)] : []));
  if (!multiple) return { type: 'multiple-choice', options, key: correct[0] ?? '' };
  const body: Record<string, unknown> = { type: 'multiple-response', options, key: correct };
  if (meta.select !== undefined) body.select = meta.select;
  if (meta.partialCredit !== undefined) body.partialCredit = meta.partialCredit;
  return body;
}

/** One blank as a short-answer format holds it. */
export type BlankSource = { answers: readonly string[]; hint: BlankHint; id: string };

/** A fill-in body from blanks; errors name the blank. */
export function fillInBody(
  sources: readonly BlankSource[],
  meta: ItemMeta,
  stem: string,
  errors: string[],
): Record<string, unknown> {
  const blanks: Blank[] = [];
  const key: Record<string, BlankKey> = {};
  for (const source of sources) {
    const parsed = blankFromAnswers(source.id, source.answers, source.hint, stem);
    if (!parsed.ok) {
      errors.push(sources.length > 1 ? `blank "${source.id}": ${parsed.reason}` : parsed.reason);
      continue;
    }
    blanks.push(parsed.blank);
    key[source.id] = parsed.key;
  }
  const body: Record<string, unknown> = { type: 'fill-in', blanks, key };
  if (meta.partialCredit !== undefined) body.partialCredit = meta.partialCredit;
  return body;
}

/** The hint for blank `index` from the meta pairs, and its id (meta id, else b1, b2, ...). */
export function blankHintAt(meta: ItemMeta, index: number, count: number): { id: string; hint: BlankHint } {
  const spec = meta.blanks.length === count ? meta.blanks[index] : undefined;
  if (!spec) return { id: `b${index + 1}`, hint: {} };
  const { id, ...hint } = spec;
  const tolerance = meta.tolerances.get(id);
  return { id, hint: tolerance !== undefined ? { ...hint, tolerance } : hint };
}
