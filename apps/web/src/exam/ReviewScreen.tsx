/** Before submitting: what is unanswered and what is flagged, with a way back to each. */
import { useEffect, useRef } from 'react';
import { noun } from '../shared/plural';
import type { AttemptItemView } from './api';
import { useExam } from './context';
import { completion } from './responses';

export function ReviewScreen({ onSubmit }: { onSubmit(): void }) {
  const items = useExam((s) => s.items);
  const responses = useExam((s) => s.responses);
  const flags = useExam((s) => s.flags);
  const hideReview = useExam((s) => s.hideReview);
  const submitting = useExam((s) => s.phase === 'submitting');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const states = items.map((item) => ({ item, state: completion(item.item, responses[item.itemId]) }));
  const unanswered = states.filter((s) => s.state !== 'answered');
  const flagged = states.filter((s) => flags[s.item.itemId]);
  const answered = items.length - unanswered.length;

  return (
    <section className="review" aria-labelledby="review-heading">
      <h2 id="review-heading" ref={headingRef} tabIndex={-1}>
        Review your answers
      </h2>
      <p>
        {answered} of {items.length} {noun(items.length, 'question')} answered. {flagged.length} flagged for
        review.
      </p>

      <h3 id="unanswered-heading">Unanswered questions ({unanswered.length})</h3>
      {unanswered.length === 0 ? (
        <p>None: every question has an answer.</p>
      ) : (
        <ItemList aria-labelledby="unanswered-heading" entries={unanswered} />
      )}

      <h3 id="flagged-heading">Flagged for review ({flagged.length})</h3>
      {flagged.length === 0 ? (
        <p>No question is flagged.</p>
      ) : (
        <ItemList aria-labelledby="flagged-heading" entries={flagged} />
      )}

      <div className="review-actions">
        <button type="button" className="button-quiet" onClick={hideReview}>
          Return to questions
        </button>
        <button type="button" onClick={onSubmit} disabled={submitting}>
          Submit exam
        </button>
      </div>
    </section>
  );
}

function ItemList({
  entries,
  ...rest
}: {
  entries: { item: AttemptItemView; state: string }[];
  'aria-labelledby': string;
}) {
  const items = useExam((s) => s.items);
  const sections = useExam((s) => s.sections);
  const open = (item: AttemptItemView) => !sections.find((section) => section.id === item.sectionId)?.locked;
  const goTo = useExam((s) => s.goTo);
  return (
    <ul className="review-list" {...rest}>
      {entries.map(({ item, state }) => (
        <li key={item.itemId}>
          {open(item) ? (
            <button type="button" className="link-button" onClick={() => goTo(items.indexOf(item))}>
              Question {item.position + 1}
            </button>
          ) : (
            <span>Question {item.position + 1} (its part is closed)</span>
          )}
          {state === 'partly answered' && <span className="muted"> (partly answered)</span>}
        </li>
      ))}
    </ul>
  );
}
