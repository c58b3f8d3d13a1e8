/**
 * The current item: heading with its save state, the case text of a scenario in its own
 * scrollable panel, the question(s), practice feedback, and Previous / Flag / Next.
 */
import { useEffect, useRef } from 'react';
import type { AttemptItemView, GradeView, StudentItem, SubResponse } from './api';
import { useExam, useExamStore } from './context';
import { Question } from './Question';
import { optionLetter, subResponseOf, withSubResponse } from './responses';
import { itemOpen, itemSaveState } from './store';

const SAVE_TEXT = {
  saved: 'Saved',
  saving: 'Saving…',
  offline: 'Offline, will retry',
  error: 'Not saved',
  unsaved: 'Not answered',
} as const;

export function ItemPane({ entry }: { entry: AttemptItemView }) {
  const { itemId, item } = entry;
  const store = useExamStore();
  const number = entry.position + 1;
  const total = useExam((s) => s.items.length);
  const index = useExam((s) => s.index);
  const response = useExam((s) => s.responses[itemId]);
  const flagged = useExam((s) => s.flags[itemId] ?? false);
  const saveState = useExam((s) => itemSaveState(s, itemId));
  const failure = useExam((s) => s.failed[itemId]);
  const editable = useExam((s) => s.phase === 'ready' && entry.sectionId === s.currentSectionId);
  const hasPrevious = useExam((s) => {
    const before = s.items[s.index - 1];
    return s.phase === 'ready' && !!before && itemOpen(s, before.itemId);
  });
  const hasNext = useExam((s) => s.phase === 'ready' && s.index < s.items.length - 1);
  const answer = useExam((s) => s.answer);
  const toggleFlag = useExam((s) => s.toggleFlag);
  const next = useExam((s) => s.next);
  const previous = useExam((s) => s.previous);

  // A new question: focus its heading so a screen reader starts there (not on the first load).
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownIndex = useRef(index);
  useEffect(() => {
    if (shownIndex.current !== index) headingRef.current?.focus();
    shownIndex.current = index;
  }, [index]);

  const onChange = (sub: SubResponse, typing?: boolean) => answer(itemId, sub, { typing: !!typing });

  return (
    <section className="item-pane" aria-labelledby="question-heading">
      <div className="item-head">
        <h2 id="question-heading" ref={headingRef} tabIndex={-1}>
          Question {number} of {total}
          {flagged && (
            <>
              {' '}
              <span className="flag-mark">(flagged)</span>
            </>
          )}
        </h2>
        <span className={`item-save save-${saveState}`}>{SAVE_TEXT[saveState]}</span>
      </div>
      {failure && (
        <p className="error" role="alert">
          This answer could not be saved: {failure}
        </p>
      )}

      {item.type === 'scenario' ? (
        <div className="scenario">
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="case-text" aria-label="Case" tabIndex={0}>
            <h3>Case</h3>
            <p>{item.caseText}</p>
          </section>
          <div className="sub-questions">
            <p className="stem">{item.stem}</p>
            {item.subItems.map((sub, i) => (
              <Question
                key={sub.id}
                question={sub}
                response={subResponseOf(response, sub.id)}
                onChange={(r, typing) =>
                  answer(itemId, withSubResponse(store.getState().responses[itemId], sub.id, r), {
                    typing: !!typing,
                  })
                }
                idPrefix={`${itemId}-${sub.id}`}
                label={`${number}${optionLetter(i).toLowerCase()}`}
                disabled={!editable}
              />
            ))}
          </div>
        </div>
      ) : (
        <Question
          question={item}
          response={response?.type === 'scenario' ? undefined : (response ?? undefined)}
          onChange={onChange}
          idPrefix={itemId}
          disabled={!editable}
        />
      )}

      <Feedback itemId={itemId} item={item} number={number} />

      <div className="item-nav">
        <button type="button" className="button-quiet" onClick={previous} disabled={!hasPrevious}>
          Previous
        </button>
        <button
          type="button"
          className={flagged ? 'flag-button flagged' : 'flag-button'}
          aria-pressed={flagged}
          onClick={() => toggleFlag(itemId)}
          disabled={!editable}
        >
          Flag for review
        </button>
        <button type="button" onClick={next} disabled={!hasNext}>
          Next
        </button>
      </div>
    </section>
  );
}

/** Practice and drill: the grade of the saved answer, right after it is saved. */
function Feedback({ itemId, item, number }: { itemId: string; item: StudentItem; number: number }) {
  const feedback = useExam((s) => s.feedback[itemId]);
  const seq = useExam((s) => s.seqs[itemId]);
  const pending = useExam((s) => s.queue.some((e) => e.kind === 'response' && e.itemId === itemId));
  const practice = useExam((s) => s.mode !== 'exam');
  if (!practice) return null;
  const current = feedback && feedback.seq === seq && !pending ? feedback.grade : null;
  return (
    <div role="status" className="feedback-region">
      {current && <FeedbackBody grade={current} item={item} number={number} />}
    </div>
  );
}

function FeedbackBody({ grade, item, number }: { grade: GradeView; item: StudentItem; number: number }) {
  const verdict = grade.correct ? 'Correct' : grade.score > 0 ? 'Partly correct' : 'Incorrect';
  return (
    <section className={`feedback ${grade.correct ? 'is-correct' : 'is-incorrect'}`} aria-label="Feedback">
      <h3>{verdict}</h3>
      {grade.feedback.rationale.trim() && <p>{grade.feedback.rationale}</p>}
      {grade.feedback.messages.length > 0 && (
        <ul>
          {grade.feedback.messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id and never reorder
            <li key={i}>
              <strong>{aboutLabel(item, m.about, number)}:</strong> {m.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a feedback line is about, in the words the student sees: "Option B", "Procedure", "12a". */
function aboutLabel(item: StudentItem, about: string, number: number): string {
  if (item.type === 'scenario') {
    const [subId, rest] = splitOnce(about);
    const at = item.subItems.findIndex((s) => s.id === subId);
    const sub = item.subItems[at];
    if (!sub) return about;
    const name = `${number}${optionLetter(at).toLowerCase()}`;
    return rest === undefined ? name : `${name}, ${questionPart(sub, rest)}`;
  }
  return questionPart(item, about);
}

function questionPart(
  question: Exclude<StudentItem, { type: 'scenario' }> | { type: string },
  about: string,
) {
  if ('options' in question && Array.isArray(question.options)) {
    const at = (question.options as { id: string }[]).findIndex((o) => o.id === about);
    if (at >= 0) return `Option ${optionLetter(at)}`;
  }
  if ('blanks' in question && Array.isArray(question.blanks)) {
    const blanks = question.blanks as { id: string; label: string }[];
    const at = blanks.findIndex((b) => b.id === about);
    if (at >= 0) return blanks[at]?.label.trim() || `Answer ${at + 1}`;
  }
  return about;
}

function splitOnce(value: string): [string, string | undefined] {
  const at = value.indexOf('.');
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}
