/**
 * The student view of an item: what a student may see during an attempt. Built field by field
 * from an allow-list (never by copying and deleting), so key material added to the item model
 * later cannot leak by default. Left out: the key, accepted answers, every rationale, tags,
 * difficulty, partial-credit setting and the `scored` flag (students must not spot pretest items).
 */
import type { Blank, Item, Option, SubItem } from './item';

export type StudentOption = { id: string; text: string };

/** A blank as presented: id, label, kind and, for a code list, its code kind and principal-first rule. */
export type StudentBlank =
  | { id: string; label: string; kind: Exclude<Blank['kind'], 'code-list'> }
  | {
      id: string;
      label: string;
      kind: 'code-list';
      codeKind: Extract<Blank, { kind: 'code-list' }>['codeKind'];
      principalFirst: boolean;
    };

/** The answerable part of a question, by type. */
export type StudentQuestionBody =
  | { type: 'multiple-choice'; options: StudentOption[] }
  | { type: 'multiple-response'; options: StudentOption[]; select: number | null }
  | { type: 'fill-in'; blanks: StudentBlank[] };

export type StudentSubItem = { id: string; stem: string } & StudentQuestionBody;

type StudentItemMeta = { id: string; version: number; domain: string; codeSetYear: number; stem: string };

export type StudentItem =
  | (StudentItemMeta & StudentQuestionBody)
  | (StudentItemMeta & { type: 'scenario'; caseText: string; subItems: StudentSubItem[] });

/** Option ids in display order per question id (item id, or sub-item id in a scenario), as a draw shuffled them. */
export type OptionOrder = Readonly<Record<string, readonly string[]>>;

/** The item as a student may see it, options in the drawn order when one is given. */
export function studentView(item: Item, optionOrder: OptionOrder = {}): StudentItem {
  const meta: StudentItemMeta = {
    id: item.id,
    version: item.version,
    domain: item.domain,
    codeSetYear: item.codeSetYear,
    stem: item.stem,
  };
  if (item.type === 'scenario')
    return {
      ...meta,
      type: 'scenario',
      caseText: item.caseText,
      subItems: item.subItems.map((sub) => ({
        id: sub.id,
        stem: sub.stem,
        ...questionBody(sub, optionOrder[sub.id]),
      })),
    };
  // Object.assign, not `{ ...meta, ...body }`: a double spread takes V8's slow path on Node 20.
  return Object.assign(meta, questionBody(item, optionOrder[item.id])) as StudentItem;
}

/** The presentation of a question's body, without its key. */
function questionBody(
  question: Exclude<Item, { type: 'scenario' }> | SubItem,
  order?: readonly string[],
): StudentQuestionBody {
  switch (question.type) {
    case 'multiple-choice':
      return { type: 'multiple-choice', options: ordered(question.options, order) };
    case 'multiple-response':
      return {
        type: 'multiple-response',
        options: ordered(question.options, order),
        select: question.select,
      };
    case 'fill-in':
      return { type: 'fill-in', blanks: question.blanks.map(studentBlank) };
  }
}

/** A blank without anything beyond what the form needs. */
function studentBlank(blank: Blank): StudentBlank {
  if (blank.kind === 'code-list')
    return {
      id: blank.id,
      label: blank.label,
      kind: blank.kind,
      codeKind: blank.codeKind,
      principalFirst: blank.principalFirst,
    };
  return { id: blank.id, label: blank.label, kind: blank.kind };
}

/**
 * Options (id and text only) in the given order. Tolerant of an order recorded before the item
 * was edited: ids that are no longer options are skipped, options the order lacks follow in
 * authored order, so a student always sees every option exactly once.
 */
function ordered(options: readonly Option[], order: readonly string[] = []): StudentOption[] {
  const byId = new Map(options.map((o) => [o.id, o]));
  const ids = [...new Set(order.filter((id) => byId.has(id)))];
  for (const option of options) if (!ids.includes(option.id)) ids.push(option.id);
  return ids.map((id) => {
    const option = byId.get(id) as Option;
    return { id: option.id, text: option.text };
  });
}
