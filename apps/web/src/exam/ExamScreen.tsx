/**
 * The exam screen over a loaded exam store: the header bar (time left, save state), time
 * announcements, the palette, the current item or the review screen, the confirmations, and the
 * keyboard shortcuts.
 */
import { useEffect, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { useExam, useExamStore } from './context';
import { ItemPane } from './ItemPane';
import { Palette } from './Palette';
import { ReviewScreen } from './ReviewScreen';
import {
  chooseOption,
  completion,
  formatClock,
  spokenClock,
  subResponseOf,
  withSubResponse,
} from './responses';
import { currentItem, type ExamState, overallSaveState } from './store';
import './exam.css';

export function ExamScreen() {
  const phase = useExam((s) => s.phase);
  const notice = useExam((s) => s.notice);
  const attemptId = useExam((s) => s.attemptId);
  const load = useExam((s) => s.load);

  if (phase === 'idle' || phase === 'loading')
    return (
      <p className="page-loading" role="status">
        Loading the exam…
      </p>
    );
  if (phase === 'load-error')
    return (
      <section className="page exam-error">
        <h1>The exam could not be opened</h1>
        <p role="alert">{notice}</p>
        <p>
          <button type="button" onClick={() => attemptId && void load(attemptId)}>
            Try again
          </button>
        </p>
      </section>
    );
  if (phase === 'submitted')
    return (
      <p className="page-loading" role="status">
        The exam is submitted. Opening your result…
      </p>
    );
  return <Exam />;
}

function Exam() {
  const store = useExamStore();
  const examName = useExam((s) => s.examName);
  const screen = useExam((s) => s.screen);
  const entry = useExam(currentItem);
  const pendingMove = useExam((s) => s.pendingMove);
  const sections = useExam((s) => s.sections);
  const phase = useExam((s) => s.phase);
  const confirmMove = useExam((s) => s.confirmMove);
  const cancelMove = useExam((s) => s.cancelMove);
  const submit = useExam((s) => s.submit);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const dialogOpen = confirmSubmit || pendingMove !== null;

  useShortcuts(!dialogOpen);

  useEffect(() => {
    if (examName) document.title = `${examName} · CoderPrep`;
  }, [examName]);

  const target = sections.find((s) => s.id === pendingMove?.sectionId);
  const summary = submitSummary(store.getState());

  return (
    <>
      <div className="exam" inert={dialogOpen}>
        <ExamBar onReview={() => store.getState().showReview()} />
        <Announcements />
        <div className="exam-body">
          <button
            type="button"
            className="palette-toggle button-quiet"
            aria-expanded={paletteOpen}
            aria-controls="exam-palette"
            onClick={() => setPaletteOpen((open) => !open)}
          >
            {paletteOpen ? 'Hide question palette' : 'Show question palette'}
          </button>
          <div className={paletteOpen ? 'palette-wrap open' : 'palette-wrap'}>
            <Palette id="exam-palette" onPick={() => setPaletteOpen(false)} />
          </div>
          <div className="exam-main">
            {screen === 'review' ? (
              <ReviewScreen onSubmit={() => setConfirmSubmit(true)} />
            ) : (
              entry && <ItemPane key={entry.itemId} entry={entry} />
            )}
            <Shortcuts />
          </div>
        </div>
      </div>

      {pendingMove && (
        <ConfirmDialog
          title={`Move to ${target?.title ?? 'the next part'}?`}
          confirmLabel={`Move to ${target?.title ?? 'the next part'}`}
          cancelLabel="Stay here"
          onConfirm={() => void confirmMove()}
          onCancel={cancelMove}
        >
          <p>
            You cannot return to {pendingMove.locks.join(' or ')} after you move on. Your answers there are
            saved as they are.
          </p>
        </ConfirmDialog>
      )}
      {confirmSubmit && (
        <ConfirmDialog
          title="Submit your exam?"
          confirmLabel="Yes, submit"
          cancelLabel="Cancel"
          busy={phase === 'submitting'}
          onConfirm={() => {
            setConfirmSubmit(false);
            void submit();
          }}
          onCancel={() => setConfirmSubmit(false)}
        >
          <p>
            {summary.unanswered === 0
              ? 'Every question has an answer.'
              : `${summary.unanswered} question${summary.unanswered === 1 ? ' is' : 's are'} not fully answered.`}{' '}
            {summary.flagged > 0 && `${summary.flagged} flagged for review. `}
            Once submitted, your answers cannot change.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function submitSummary(state: ExamState) {
  return {
    unanswered: state.items.filter((i) => completion(i.item, state.responses[i.itemId]) !== 'answered')
      .length,
    flagged: state.items.filter((i) => state.flags[i.itemId]).length,
  };
}

// ------------------------------------------------------------------ header bar

const SAVE_LABEL = {
  saved: 'All answers saved',
  saving: 'Saving…',
  offline: 'Offline, will retry',
  error: 'Some answers could not be saved',
} as const;

function ExamBar({ onReview }: { onReview(): void }) {
  const examName = useExam((s) => s.examName);
  const sectionTitle = useExam(
    (s) => (s.sections.length > 1 && s.sections.find((x) => x.id === s.currentSectionId)?.title) || null,
  );
  const phase = useExam((s) => s.phase);
  const screen = useExam((s) => s.screen);
  const moving = useExam((s) => s.moving);
  return (
    <>
      <div className="exam-title">
        <h1>{examName}</h1>
        {sectionTitle && <span className="section-title">{sectionTitle}</span>}
      </div>
      <header className="exam-bar">
        <Countdown />
        <SaveStatus />
        {moving && (
          <span className="muted" role="status">
            Moving on…
          </span>
        )}
        <button
          type="button"
          className="review-button"
          onClick={onReview}
          disabled={phase !== 'ready' || screen === 'review'}
        >
          Review and submit
        </button>
      </header>
    </>
  );
}

/** An untimed attempt shows a countdown to its window's close only this close to it. */
const CLOSING_SOON_MS = 60 * 60_000;

const closeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

function Countdown() {
  const remaining = useExam((s) => s.remainingMs);
  const untimed = useExam((s) => s.untimed);
  const closesAt = useExam((s) => s.deadline);
  if (remaining === null || (untimed && remaining > CLOSING_SOON_MS))
    return (
      <p className="countdown">
        <span className="countdown-label">No time limit</span>
        {untimed && closesAt !== null && (
          <span className="countdown-until">
            Available until{' '}
            <time dateTime={new Date(closesAt).toISOString()}>{closeFormat.format(closesAt)}</time>
          </span>
        )}
      </p>
    );
  const low = remaining <= 5 * 60_000;
  const label = untimed ? 'Closes in' : 'Time left';
  return (
    <p className={low ? 'countdown low' : 'countdown'}>
      <span className="countdown-label">{label}</span>{' '}
      <span
        role="timer"
        aria-label={
          untimed
            ? `Time left before this exam closes: ${spokenClock(remaining)}`
            : `Time left: ${spokenClock(remaining)}`
        }
        className="countdown-value"
      >
        {formatClock(remaining)}
      </span>
    </p>
  );
}

function SaveStatus() {
  const state = useExam(overallSaveState);
  const waiting = useExam((s) => s.queue.length);
  const problem = useExam((s) => s.saveProblem);
  return (
    <p role="status" className={`save-status save-${state}`} data-testid="save-status">
      <span className="save-dot" aria-hidden="true" />
      {SAVE_LABEL[state]}
      {state === 'offline' && waiting > 0 && (
        <span className="save-detail">
          {' '}
          ({waiting} change{waiting === 1 ? '' : 's'} kept on this device)
        </span>
      )}
      {problem && <span className="save-detail"> {problem}</span>}
    </p>
  );
}

/** Time warnings and time-up (assertive), and notices about moves and submission. */
function Announcements() {
  const announcement = useExam((s) => s.announcement);
  const notice = useExam((s) => s.notice);
  const dismissNotice = useExam((s) => s.dismissNotice);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const showAnnouncement = announcement !== null && announcement.id !== dismissed;
  return (
    <div className="exam-alerts">
      <div role="alert" className={showAnnouncement ? 'exam-alert time-alert' : 'exam-alert empty'}>
        {showAnnouncement && <span>{announcement.text}</span>}
      </div>
      {showAnnouncement && (
        <button type="button" className="button-quiet dismiss" onClick={() => setDismissed(announcement.id)}>
          Dismiss time message
        </button>
      )}
      <div role="alert" className={notice ? 'exam-alert notice' : 'exam-alert empty'}>
        {notice && <span>{notice}</span>}
      </div>
      {notice && (
        <button type="button" className="button-quiet dismiss" onClick={dismissNotice}>
          Dismiss message
        </button>
      )}
    </div>
  );
}

// ------------------------------------------------------------------ keyboard

function Shortcuts() {
  return (
    <details className="shortcuts">
      <summary>Keyboard shortcuts</summary>
      <dl>
        <div>
          <dt>
            <kbd>A</kbd>–<kbd>D</kbd> or <kbd>1</kbd>–<kbd>4</kbd>
          </dt>
          <dd>Choose an answer (select or clear it where several apply)</dd>
        </div>
        <div>
          <dt>
            <kbd>N</kbd>
          </dt>
          <dd>Next question</dd>
        </div>
        <div>
          <dt>
            <kbd>P</kbd>
          </dt>
          <dd>Previous question</dd>
        </div>
        <div>
          <dt>
            <kbd>F</kbd>
          </dt>
          <dd>Flag or unflag for review</dd>
        </div>
      </dl>
      <p className="muted">Shortcuts do not work while you type in an answer field.</p>
    </details>
  );
}

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'password', 'tel', 'url', '']);

/** True while the student types in a field: shortcuts must not steal their letters. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

function useShortcuts(enabled: boolean) {
  const store = useExamStore();
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const state = store.getState();
      if (state.phase !== 'ready' || state.screen !== 'question' || state.moving) return;
      const key = event.key.toLowerCase();
      if (key === 'n') state.next();
      else if (key === 'p') state.previous();
      else if (key === 'f') state.toggleFlag();
      else {
        const index = /^[a-e]$/.test(key)
          ? key.charCodeAt(0) - 97
          : /^[1-9]$/.test(key)
            ? Number(key) - 1
            : -1;
        if (index < 0 || !choose(state, index, event.target)) return;
      }
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, enabled]);
}

/** Chooses option `index` of the question in focus (else the item's first choice question). */
function choose(state: ExamState, index: number, target: EventTarget | null): boolean {
  const entry = currentItem(state);
  if (!entry || entry.sectionId !== state.currentSectionId) return false;
  const { item, itemId } = entry;
  const response = state.responses[itemId];
  if (item.type !== 'scenario') {
    const next = chooseOption(
      item,
      response?.type === 'scenario' ? undefined : (response ?? undefined),
      index,
    );
    if (next) state.answer(itemId, next);
    return !!next;
  }
  const focused =
    target instanceof Element ? target.closest('[data-question-id]')?.getAttribute('data-question-id') : null;
  const sub = item.subItems.find((s) => s.id === focused) ?? item.subItems.find((s) => s.type !== 'fill-in');
  if (!sub) return false;
  const next = chooseOption(sub, subResponseOf(response, sub.id), index);
  if (next) state.answer(itemId, withSubResponse(response, sub.id, next));
  return !!next;
}
