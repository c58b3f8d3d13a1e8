/**
 * The item as a student will see it: built from the editor's draft field by field, like the
 * engine's studentView, so the preview can never show key material (keys, accepted answers,
 * rationales, tags, difficulty, the scored flag).
 */
import type { StudentItemView } from '@coderprep/contracts';
import type { ItemDraft, QuestionParts, QuestionType } from './draft';

type StudentQuestion = Extract<StudentItemView, { type: 'scenario' }>['subItems'][number];
/** A question's answerable part (Omit spread over each member of the union). */
export type StudentBody = StudentQuestion extends infer Q
  ? Q extends unknown
    ? Omit<Q, 'id' | 'stem'>
    : never
  : never;

function questionView(type: QuestionType, parts: QuestionParts): StudentBody {
  const options = parts.options.map((o) => ({ id: o.id, text: o.text }));
  switch (type) {
    case 'multiple-choice':
      return { type, options };
    case 'multiple-response': {
      const keyed = parts.options.filter((o) => o.correct).length;
      return { type, options, select: parts.selectCount ? Math.max(keyed, 1) : null };
    }
    case 'fill-in':
      return {
        type,
        blanks: parts.blanks.map((b) =>
          b.kind === 'code-list'
            ? {
                id: b.id,
                label: b.label,
                kind: b.kind,
                codeKind: b.codeKind,
                principalFirst: b.principalFirst,
              }
            : { id: b.id, label: b.label, kind: b.kind },
        ),
      };
  }
}

/** What a student would receive for this draft (version: the one it would be saved as). */
export function studentView(draft: ItemDraft, version = 1): StudentItemView {
  const year = Number(draft.codeSetYear);
  const meta = {
    id: draft.id,
    version,
    domain: draft.domain,
    codeSetYear: Number.isInteger(year) ? year : 0,
    stem: draft.stem,
  };
  if (draft.type === 'scenario')
    return {
      ...meta,
      type: 'scenario',
      caseText: draft.caseText,
      subItems: draft.subItems.map((sub) => ({ id: sub.id, stem: sub.stem, ...questionView(sub.type, sub) })),
    } as StudentItemView;
  return { ...meta, ...questionView(draft.type, draft) } as StudentItemView;
}
