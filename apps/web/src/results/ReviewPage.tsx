/**
 * /attempts/:attemptId/review — every item with the student's answer, the key and the rationale,
 * when the review policy allows; otherwise the server's explanation of when review opens.
 */
import type { GradeView } from '@coderprep/contracts';
import { useEffect, useId, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { domainLabel } from '../shared/domains';
import { noun } from '../shared/plural';
import { ReviewStoreProvider, useReview } from './context';
import { formatDuration, formatPercent, formatPoints, modeLabel } from './format';
import {
  acceptedText,
  type BlankDetail,
  choiceDetail,
  choicesDetail,
  enteredText,
  fillInDetail,
  gradeStatus,
  type Question,
  scenarioDetail,
} from './review-model';
import { filterCounts, filterItems, REVIEW_FILTERS, type ReviewFilter, type ReviewItem } from './store';
import { useDocumentTitle } from './useDocumentTitle';
import './charts.css';
import './results.css';

export function ReviewPage() {
  return (
    <ReviewStoreProvider>
      <ReviewView />
    </ReviewStoreProvider>
  );
}

const FILTER_LABELS: Record<ReviewFilter, string> = {
  all: 'All',
  incorrect: 'Incorrect',
  flagged: 'Flagged',
};

function ReviewView() {
  const { attemptId = '' } = useParams();
  const status = useReview((s) => s.status);
  const review = useReview((s) => s.review);
  const message = useReview((s) => s.message);
  const load = useReview((s) => s.load);
  useDocumentTitle(review ? `Review: ${review.examName}` : 'Review');

  useEffect(() => {
    void load(attemptId);
  }, [attemptId, load]);

  const id = encodeURIComponent(attemptId);
  const links = (
    <nav aria-label="Review" className="results-links">
      <Link className="button button-quiet" to={`/attempts/${id}/result`}>
        Back to the result
      </Link>
      <Link className="button button-quiet" to="/dashboard">
        Back to the dashboard
      </Link>
    </nav>
  );

  if (status === 'ready' && review)
    return (
      <section className="page results-page">
        <header className="results-header">
          <h1>
            {review.examName}: review
            {review.mode !== 'exam' && <span className="mode-tag"> ({modeLabel(review.mode)})</span>}
          </h1>
          {links}
        </header>
        <p className="card">
          Score {formatPercent(review.scorePercent)}: {review.passed ? 'passed' : 'not passed'}.
        </p>
        <ReviewItems items={review.items} />
      </section>
    );

  return (
    <section className="page results-page">
      <header className="results-header">
        <h1>Review</h1>
        {links}
      </header>
      {(status === 'idle' || status === 'loading') && (
        <p className="page-loading" role="status">
          Loading the review…
        </p>
      )}
      {status === 'blocked' && (
        <div className="card review-blocked" role="status">
          <p>{message}</p>
          <p>Your score and the figures per domain are on the result page.</p>
        </div>
      )}
      {status === 'not-found' && (
        <p role="alert">
          There is no attempt of yours at this address. <Link to="/dashboard">Go to your dashboard</Link>.
        </p>
      )}
      {status === 'error' && (
        <div className="stack" role="alert">
          <p className="error">{message}</p>
          <p>
            <button type="button" onClick={() => void load(attemptId)}>
              Try again
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

function ReviewItems({ items }: { items: ReviewItem[] }) {
  const filter = useReview((s) => s.filter);
  const setFilter = useReview((s) => s.setFilter);
  const counts = useMemo(() => filterCounts(items), [items]);
  const shown = useMemo(() => filterItems(items, filter), [items, filter]);
  const name = useId();

  return (
    <>
      <fieldset className="review-filter">
        <legend>Show</legend>
        {REVIEW_FILTERS.map((f) => (
          <label key={f} className="review-filter-option">
            <input type="radio" name={name} value={f} checked={filter === f} onChange={() => setFilter(f)} />
            {FILTER_LABELS[f]} ({counts[f]})
          </label>
        ))}
      </fieldset>
      <p role="status" className="muted">
        {shown.length === 0
          ? filter === 'flagged'
            ? 'You flagged no items.'
            : 'Every item is correct.'
          : `Showing ${shown.length} of ${items.length} ${noun(items.length, 'item')}.`}
      </p>
      <ol className="review-list">
        {shown.map((entry) => (
          <li key={entry.itemId}>
            <ReviewEntry entry={entry} />
          </li>
        ))}
      </ol>
    </>
  );
}

function StatusTag({ grade }: { grade: GradeView }) {
  const { word, tone } = gradeStatus(grade);
  return <span className={`status-tag status-${tone}`}>{word}</span>;
}

function ReviewEntry({ entry }: { entry: ReviewItem }) {
  const headingId = useId();
  const { item, grade } = entry;
  const number = entry.position + 1;
  const points = item.type === 'scenario' ? item.subItems.length : 1;
  return (
    <article className={`card review-item review-${gradeStatus(grade).tone}`} aria-labelledby={headingId}>
      <header className="review-item-header">
        <h2 id={headingId}>Question {number}</h2>
        <StatusTag grade={grade} />
        {entry.flagged && <span className="status-tag status-flagged">Flagged</span>}
        {!entry.scored && <span className="status-tag status-pretest">Pretest: not counted</span>}
      </header>
      <p className="review-meta muted">
        {domainLabel(item.domain)} · {formatPoints(grade.score * points)} of {points} point
        {points === 1 ? '' : 's'} · {formatDuration(entry.timeSpentMs)} spent
      </p>
      {item.type === 'scenario' ? (
        <>
          <div className="case-text">
            <h3>Case</h3>
            <p>{item.caseText}</p>
          </div>
          <p className="stem">{item.stem}</p>
          {item.subItems.map((sub, i) => {
            const subGrade = scenarioDetail(grade)?.subItems.find((s) => s.id === sub.id)?.grade;
            return (
              <section key={sub.id} className="sub-item" aria-label={`Question ${number}.${i + 1}`}>
                <h3>
                  Question {number}.{i + 1} {subGrade && <StatusTag grade={subGrade} />}
                </h3>
                <p className="stem">{sub.stem}</p>
                {subGrade && <QuestionReview question={sub} grade={subGrade} />}
                <Rationale text={sub.rationale} level={4} />
              </section>
            );
          })}
          <Rationale text={item.rationale} />
        </>
      ) : (
        <>
          <p className="stem">{item.stem}</p>
          <QuestionReview question={item} grade={grade} />
          <Rationale text={item.rationale} />
        </>
      )}
    </article>
  );
}

function Rationale({ text, level = 3 }: { text: string; level?: 3 | 4 }) {
  if (text.trim() === '') return null;
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="rationale">
      <Heading className="rationale-title">Why</Heading>
      <p>{text}</p>
    </div>
  );
}

/** The options, blanks or typed answers of one question with the student's answer and the key. */
function QuestionReview({ question, grade }: { question: Question; grade: GradeView }) {
  if (question.type === 'multiple-choice' || question.type === 'multiple-response') {
    const single = choiceDetail(grade);
    const many = choicesDetail(grade);
    const chosen = (id: string) =>
      single ? single.chosen === id : (many?.options.find((o) => o.id === id)?.chosen ?? false);
    const keyed = (id: string) =>
      question.type === 'multiple-choice' ? question.key === id : question.key.includes(id);
    return (
      <>
        {question.type === 'multiple-response' && (
          <p className="muted">
            {question.select === null ? 'Select all that apply.' : `Select ${question.select}.`}
          </p>
        )}
        <ul className="option-review">
          {question.options.map((option) => {
            const isChosen = chosen(option.id);
            const isKey = keyed(option.id);
            const tone = isKey ? 'option-key' : isChosen ? 'option-wrong' : '';
            return (
              <li key={option.id} className={`option ${tone}`}>
                <span className="option-text">{option.text}</span>
                <span className="option-marks">
                  {isChosen && <span className="status-tag status-chosen">Your answer</span>}
                  {isKey && <span className="status-tag status-correct">Correct answer</span>}
                </span>
                {option.rationale.trim() !== '' && (
                  <span className="option-rationale">{option.rationale}</span>
                )}
              </li>
            );
          })}
        </ul>
        {!grade.answered && <p className="muted">You did not answer this question.</p>}
      </>
    );
  }
  const detail = fillInDetail(grade);
  if (!detail)
    return (
      <ul>
        {grade.feedback.messages.map((m) => (
          <li key={`${m.about}:${m.text}`}>{m.text}</li>
        ))}
      </ul>
    );
  return (
    <div className="blank-review">
      {detail.blanks.map((blank, i) => (
        <BlankReview
          key={blank.blankId}
          blank={blank}
          index={i}
          principalFirst={principalFirst(question, blank)}
        />
      ))}
    </div>
  );
}

function principalFirst(question: Question, blank: BlankDetail): boolean {
  if (question.type !== 'fill-in') return false;
  const authored = question.blanks.find((b) => b.id === blank.blankId);
  return authored?.kind === 'code-list' && authored.principalFirst;
}

function BlankReview({
  blank,
  index,
  principalFirst,
}: {
  blank: BlankDetail;
  index: number;
  principalFirst: boolean;
}) {
  const entered = enteredText(blank.entered);
  const right = blank.status === 'correct';
  // An entry typed twice appears twice: its key counts the repeats.
  const seen = new Map<string, number>();
  const extra = (blank.entries ?? [])
    .filter((e) => e.status !== 'matched')
    .map((e) => {
      const repeat = (seen.get(e.entered) ?? 0) + 1;
      seen.set(e.entered, repeat);
      return { ...e, key: `${e.entered}#${repeat}` };
    });
  return (
    <div className={right ? 'blank blank-correct' : 'blank blank-wrong'}>
      <p className="blank-label">{blank.label || `Blank ${index + 1}`}</p>
      <dl className="blank-facts">
        <div>
          <dt>Your answer</dt>
          <dd className="code">{entered || <span className="muted">(nothing entered)</span>}</dd>
        </div>
        <div>
          <dt>Correct answer</dt>
          <dd className="code">
            {acceptedText(blank)}
            {principalFirst && <span className="muted"> (principal code first)</span>}
          </dd>
        </div>
      </dl>
      <p className={right ? 'ok' : 'error'}>{blank.message}</p>
      {extra.length > 0 && (
        <ul className="blank-entries">
          {extra.map((e) => (
            <li key={e.key}>{e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
