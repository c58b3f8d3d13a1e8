/**
 * The exam screen's store: the attempt, where the student is, their answers and flags, the
 * countdown and the autosave queue.
 *
 * Time: the server owns the clock. Each server answer that carries its time (the attempt view's
 * `now`, a save's `savedAt`) re-syncs `offsetMs` = server time - device time, taken at the middle
 * of the request so the network delay counts against the student by at most half a round trip.
 * Time left = endsAt - (device now + offset): a device clock that is hours off changes nothing.
 *
 * Nothing is lost: every change becomes a queue entry (a response with the item's next seq, or a
 * flag), the queue is written to storage on every change and sent one entry at a time, oldest
 * first. A change to an item that is already waiting replaces its entry in place (only the latest
 * response needs to go), but an entry being sent is never replaced, so a newer seq never goes out
 * before an older one. A request that never reached the server keeps its entry and is retried
 * with backoff, and at once when the browser says it is online again. A reload or a reopened
 * browser reads the stored queue back: entries the server has not seen are restored and sent.
 */
import { createStore } from 'zustand/vanilla';
import { type ApiClient, ApiError, NetworkError } from '../api/client';
import {
  type AttemptItemView,
  type AttemptResult,
  type AttemptSectionView,
  type AttemptView,
  type ExamResponse,
  examApi,
  type GradeView,
} from './api';
import { warningText } from './responses';

/** What localStorage offers that the store needs (tests pass a memory one). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where the browser says it is back online (window; tests pass their own). */
export interface OnlineEvents {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

export interface ExamTiming {
  /** How often the countdown is recomputed. */
  tickMs: number;
  /** Waits between retries of a save that did not reach the server; the last one repeats. */
  retryDelaysMs: number[];
  /** How often the result is asked for once time is up. */
  pollMs: number;
  /** How long typing may pause before its text is sent. */
  typingDelayMs: number;
}

export interface ExamStoreDeps {
  api: ApiClient;
  /** The device clock in ms (Date.now by default); only ever used with the server offset. */
  clock?: () => number;
  storage?: StorageLike | null;
  events?: OnlineEvents | null;
  timing?: Partial<ExamTiming>;
}

export type QueueEntry =
  | { kind: 'response'; itemId: string; response: ExamResponse; seq: number }
  | { kind: 'flag'; itemId: string; flagged: boolean };

export type SaveState = 'saved' | 'saving' | 'offline' | 'error';

export type Phase = 'idle' | 'loading' | 'load-error' | 'ready' | 'time-up' | 'submitting' | 'submitted';

export interface PendingMove {
  index: number;
  sectionId: string;
  /** Titles of the sections that lock when the student moves. */
  locks: string[];
}

export interface ExamState {
  phase: Phase;
  attemptId: string | null;
  /** Why loading failed, or what went wrong with a move or a submission (shown as an alert). */
  notice: string | null;
  examName: string;
  mode: AttemptView['mode'];
  /** When time runs out where the student is (server time); null = untimed. */
  endsAt: number | null;
  /** When the whole attempt ends (server time); null = no overall deadline. */
  deadline: number | null;
  /**
   * The attempt has no time limit of its own: `deadline`, if any, is only the close of the
   * assignment's window (the screen shows no countdown for it until it is near).
   */
  untimed: boolean;
  graceMs: number;
  warningMinutes: number[];
  /** Server time - device time. */
  offsetMs: number;
  /** Time left, whole seconds in ms; null = untimed. */
  remainingMs: number | null;
  sections: AttemptSectionView[];
  currentSectionId: string | null;
  items: AttemptItemView[];
  index: number;
  responses: Record<string, ExamResponse | null>;
  flags: Record<string, boolean>;
  /** The last seq given to each item's responses. */
  seqs: Record<string, number>;
  /** Practice and drill: the grade of each item's saved response and the seq it belongs to. */
  feedback: Record<string, { seq: number; grade: GradeView }>;
  /** Changes not yet acknowledged by the server, oldest first; the head may be in flight. */
  queue: QueueEntry[];
  /** The last save did not reach the server: the queue is waiting to retry. */
  offline: boolean;
  /** The server refused to save for a reason the student must act on (e.g. signed out). */
  saveProblem: string | null;
  /** Items whose last change the server refused for good, with why. */
  failed: Record<string, string>;
  /** The last time announcement (warnings, time up); the id changes on every announcement. */
  announcement: { id: number; text: string } | null;
  screen: 'question' | 'review';
  /** A move into another section that would lock one: waits for the student's confirmation. */
  pendingMove: PendingMove | null;
  /** A section move in progress. */
  moving: boolean;
  result: AttemptResult | null;

  load(attemptId: string): Promise<void>;
  answer(itemId: string, response: ExamResponse, options?: { typing?: boolean }): void;
  toggleFlag(itemId?: string): void;
  goTo(index: number): void;
  next(): void;
  previous(): void;
  confirmMove(): Promise<void>;
  cancelMove(): void;
  showReview(): void;
  hideReview(): void;
  submit(): Promise<void>;
  /** Sends every queued change it can; resolves when the queue is empty or waiting to retry. */
  flush(): Promise<void>;
  tick(): void;
  dismissNotice(): void;
  dispose(): void;
}

const DEFAULT_TIMING: ExamTiming = {
  tickMs: 250,
  retryDelaysMs: [1000, 2000, 4000, 8000, 15000, 30000],
  pollMs: 2000,
  typingDelayMs: 400,
};

/** The storage key of an attempt's queue. */
export const storageKey = (attemptId: string) => `coderprep.exam.${attemptId}`;

interface Persisted {
  v: 1;
  index: number;
  queue: QueueEntry[];
  seqs: Record<string, number>;
  warned: string[];
}

function readPersisted(storage: StorageLike | null, attemptId: string): Persisted | null {
  try {
    const raw = storage?.getItem(storageKey(attemptId));
    if (!raw) return null;
    const data = JSON.parse(raw) as Partial<Persisted>;
    if (data.v !== 1 || !Array.isArray(data.queue)) return null;
    return {
      v: 1,
      index: typeof data.index === 'number' ? data.index : 0,
      queue: data.queue.filter(
        (e): e is QueueEntry =>
          typeof e?.itemId === 'string' &&
          ((e.kind === 'response' && typeof e.seq === 'number' && typeof e.response === 'object') ||
            (e.kind === 'flag' && typeof e.flagged === 'boolean')),
      ),
      seqs: data.seqs && typeof data.seqs === 'object' ? data.seqs : {},
      warned: Array.isArray(data.warned) ? data.warned.filter((w) => typeof w === 'string') : [],
    };
  } catch {
    return null;
  }
}

const without = <V>(record: Record<string, V>, key: string): Record<string, V> => {
  if (!Object.hasOwn(record, key)) return record;
  const { [key]: _, ...rest } = record;
  return rest;
};

/** The save state of one item. */
export function itemSaveState(state: ExamState, itemId: string): SaveState | 'unsaved' {
  if (Object.hasOwn(state.failed, itemId)) return 'error';
  if (state.queue.some((e) => e.kind === 'response' && e.itemId === itemId))
    return state.offline || state.saveProblem ? 'offline' : 'saving';
  return state.responses[itemId] ? 'saved' : 'unsaved';
}

/** The save state of the whole attempt. */
export function overallSaveState(state: ExamState): SaveState {
  if (state.queue.length > 0) return state.offline || state.saveProblem ? 'offline' : 'saving';
  return Object.keys(state.failed).length > 0 ? 'error' : 'saved';
}

export const currentItem = (state: ExamState): AttemptItemView | undefined => state.items[state.index];

/** The sections that lock when the student moves into `sectionId` (one-way sections left or skipped). */
export function sectionsLockedBy(state: ExamState, sectionId: string): AttemptSectionView[] {
  const target = state.sections.findIndex((s) => s.id === sectionId);
  if (target < 0 || sectionId === state.currentSectionId) return [];
  return state.sections.filter(
    (s, i) => !s.mayReturn && !s.locked && i !== target && (i < target || s.id === state.currentSectionId),
  );
}

/** Whether the student may open this item now (its section is not locked). */
export function itemOpen(state: ExamState, itemId: string): boolean {
  const item = state.items.find((i) => i.itemId === itemId);
  const section = state.sections.find((s) => s.id === item?.sectionId);
  return !!item && !section?.locked;
}

export function createExamStore(deps: ExamStoreDeps) {
  const api = examApi(deps.api);
  const clock = deps.clock ?? (() => Date.now());
  const storage =
    deps.storage === undefined ? (typeof localStorage === 'undefined' ? null : localStorage) : deps.storage;
  const events = deps.events === undefined ? (typeof window === 'undefined' ? null : window) : deps.events;
  const timing: ExamTiming = { ...DEFAULT_TIMING, ...deps.timing };

  let disposed = false;
  /** Disposed, with one last pass over the queue under way (what it cannot send stays in storage). */
  let closing = false;
  /** The server refused further changes (time is up, or submitted): the queue stops. */
  let halted = false;
  let flushing: Promise<void> | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let retryStep = 0;
  /** The entry being sent right now (never replaced by a newer change). */
  let sending: QueueEntry | null = null;
  let warned = new Set<string>();
  /** The endsAt whose zero was handled. */
  let zeroHandled: number | null = null;
  let visiting: string | null = null;
  let announcements = 0;

  return createStore<ExamState>()((set, get) => {
    // ------------------------------------------------------------ persistence

    function persist() {
      const { attemptId, index, queue, seqs } = get();
      if (!attemptId || !storage) return;
      const data: Persisted = { v: 1, index, queue, seqs, warned: [...warned] };
      try {
        storage.setItem(storageKey(attemptId), JSON.stringify(data));
      } catch {
        // Storage full or refused: the queue still lives in memory and is sent as usual.
      }
    }

    function forget() {
      const { attemptId } = get();
      if (!attemptId || !storage) return;
      try {
        storage.removeItem(storageKey(attemptId));
      } catch {
        // Nothing to do.
      }
    }

    // ------------------------------------------------------------ time

    /** Re-syncs the offset from a server time stamped while the request was out. */
    function sync(serverNow: number, sentAt: number, receivedAt: number) {
      set({ offsetMs: serverNow - (sentAt + receivedAt) / 2 });
    }

    function announce(text: string) {
      announcements += 1;
      set({ announcement: { id: announcements, text } });
    }

    function applyView(view: AttemptView, sentAt: number, receivedAt: number) {
      sync(view.now, sentAt, receivedAt);
      set({
        examName: view.examName,
        mode: view.mode,
        endsAt: view.endsAt,
        deadline: view.deadline,
        untimed: view.timeLimitMs === null,
        graceMs: view.graceMs,
        warningMinutes: view.warningMinutes,
        sections: view.sections,
        currentSectionId: view.currentSectionId,
      });
    }

    function startTicking() {
      if (ticker === undefined) ticker = setInterval(() => get().tick(), timing.tickMs);
    }

    function stopTimers() {
      clearInterval(ticker);
      ticker = undefined;
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
      clearTimeout(pollTimer);
    }

    /** A section after (else before) the current one the student can still work in. */
    function nextOpenSection(): AttemptSectionView | undefined {
      const { sections, currentSectionId, offsetMs } = get();
      const serverNow = clock() + offsetMs;
      const at = sections.findIndex((s) => s.id === currentSectionId);
      const open = (s: AttemptSectionView) =>
        s.id !== currentSectionId && !s.locked && (s.deadline === null || s.deadline > serverNow);
      return sections.slice(at + 1).find(open) ?? sections.slice(0, Math.max(0, at)).find(open);
    }

    async function onZero() {
      const state = get();
      const section = state.sections.find((s) => s.id === state.currentSectionId);
      // A section clock ran out before the exam's: the student goes on to a part with time left.
      const serverNow = clock() + state.offsetMs;
      const examGoesOn = state.deadline === null || state.deadline > serverNow;
      const next = section?.deadline === state.endsAt && examGoesOn ? nextOpenSection() : undefined;
      if (!next) return expire('time');
      const index = state.items.findIndex((i) => i.sectionId === next.id);
      announce(`Time is up for ${section?.title ?? 'this part'}. Moving to ${next.title}.`);
      await moveTo(index < 0 ? state.index : index, true);
    }

    // ------------------------------------------------------------ the end

    function finished(result: AttemptResult | null) {
      halted = true;
      stopTimers();
      visiting = null; // submitting closes the open visit on the server
      forget();
      set({ phase: 'submitted', result, pendingMove: null, remainingMs: get().endsAt === null ? null : 0 });
    }

    async function pollResult() {
      const { attemptId } = get();
      if (!attemptId || disposed) return;
      try {
        finished(await api.result(attemptId));
      } catch {
        // Not submitted yet (the server submits at the end + grace) or unreachable: ask again.
        if (!disposed) pollTimer = setTimeout(() => void pollResult(), timing.pollMs);
      }
    }

    /** Time is up (or the attempt was submitted elsewhere): save what can be saved, then get the result. */
    async function expire(why: 'time' | 'submitted') {
      const { phase } = get();
      if (phase === 'time-up' || phase === 'submitted' || disposed) return;
      clearInterval(ticker);
      ticker = undefined;
      set({ phase: 'time-up', pendingMove: null, remainingMs: get().endsAt === null ? null : 0 });
      announce(why === 'time' ? 'Time is up — submitting' : 'This attempt has been submitted.');
      leaveVisit();
      // Saves in flight at the deadline are accepted for the grace period.
      await flush();
      halted = true;
      await pollResult();
    }

    // ------------------------------------------------------------ visits (time per item)

    function enterVisit() {
      const { attemptId, phase } = get();
      const item = currentItem(get());
      if (!attemptId || !item || phase !== 'ready' || visiting === item.itemId) return;
      leaveVisit();
      visiting = item.itemId;
      api.visit(attemptId, item.itemId, 'enter').catch(() => undefined);
    }

    /**
     * Closes the open visit. Not once the attempt is over (time up, submitting, submitted, or the
     * server refused further changes): the submission closes it on the server, which refuses a
     * late visit anyway.
     */
    function leaveVisit() {
      const { attemptId, phase, deadline, offsetMs } = get();
      const itemId = visiting;
      visiting = null;
      if (!attemptId || itemId === null || halted || phase !== 'ready') return;
      if (deadline !== null && clock() + offsetMs >= deadline) return;
      api.visit(attemptId, itemId, 'leave').catch(() => undefined);
    }

    // ------------------------------------------------------------ the queue

    /** The queue with `entry` added: it replaces a waiting entry of the same kind and item in place. */
    function enqueue(queue: QueueEntry[], entry: QueueEntry): QueueEntry[] {
      const at = queue.findIndex((e) => e !== sending && e.kind === entry.kind && e.itemId === entry.itemId);
      if (at < 0) return [...queue, entry];
      const copy = [...queue];
      copy[at] = entry;
      return copy;
    }

    function acknowledge(entry: QueueEntry, grade?: GradeView) {
      set((s) => ({
        queue: s.queue.filter((e) => e !== entry),
        failed: without(s.failed, entry.itemId),
        feedback:
          grade && entry.kind === 'response'
            ? { ...s.feedback, [entry.itemId]: { seq: entry.seq, grade } }
            : s.feedback,
      }));
      persist();
    }

    /** Drops an entry the server refused for good. */
    function drop(entry: QueueEntry, why: string) {
      set((s) => ({
        queue: s.queue.filter((e) => e !== entry),
        failed: entry.kind === 'response' ? { ...s.failed, [entry.itemId]: why } : s.failed,
      }));
      persist();
    }

    /** After a failed send: a newer change of the same item takes the failed entry's place. */
    function coalesceFailed(entry: QueueEntry) {
      const queue = get().queue;
      const newer = queue.findIndex((e) => e !== entry && e.kind === entry.kind && e.itemId === entry.itemId);
      if (newer < 0) return;
      const at = queue.indexOf(entry);
      const copy = [...queue];
      copy[at] = queue[newer] as QueueEntry;
      copy.splice(newer, 1);
      set({ queue: copy });
      persist();
    }

    type Outcome = 'next' | 'retry' | 'stop';

    async function send(entry: QueueEntry): Promise<Outcome> {
      const attemptId = get().attemptId as string;
      const sentAt = clock();
      try {
        if (entry.kind === 'response') {
          const saved = await api.save(attemptId, entry.itemId, { response: entry.response, seq: entry.seq });
          sync(saved.savedAt, sentAt, clock());
          acknowledge(entry, saved.feedback);
        } else {
          await api.flag(attemptId, entry.itemId, entry.flagged);
          acknowledge(entry);
        }
        set({ offline: false, saveProblem: null });
        return 'next';
      } catch (error) {
        if (error instanceof NetworkError) {
          set({ offline: true });
          return 'retry';
        }
        if (!(error instanceof ApiError)) {
          set({ offline: true });
          return 'retry';
        }
        set({ offline: false });
        if (error.status === 401) {
          set({
            saveProblem:
              'You are signed out. Log in again (in another tab); your answers are kept on this device and will be saved.',
          });
          return 'retry';
        }
        if (error.status >= 500 || error.status === 429 || error.status === 408) {
          set({ saveProblem: 'The server is not answering. Your answers are kept and will be saved.' });
          return 'retry';
        }
        const details = (error.details ?? {}) as { lastSeq?: unknown; sectionId?: unknown };
        if (error.code === 'stale-sequence' && entry.kind === 'response') {
          const lastSeq = typeof details.lastSeq === 'number' ? details.lastSeq : null;
          if (lastSeq !== null && lastSeq >= entry.seq) {
            // The server already has this save (an answer that was lost on the way back) or a newer one.
            set((s) => ({
              seqs: { ...s.seqs, [entry.itemId]: Math.max(s.seqs[entry.itemId] ?? 0, lastSeq) },
            }));
            acknowledge(entry);
            return 'next';
          }
          drop(entry, error.message);
          return 'next';
        }
        if (error.code === 'deadline-passed' && typeof details.sectionId !== 'string') {
          halted = true;
          void expire('time');
          return 'stop';
        }
        if (error.code === 'attempt-submitted') {
          halted = true;
          void expire('submitted');
          return 'stop';
        }
        drop(entry, error.message);
        return 'next';
      }
    }

    function scheduleRetry() {
      clearTimeout(retryTimer);
      const delays = timing.retryDelaysMs;
      const delay = delays[Math.min(retryStep, delays.length - 1)] ?? 1000;
      retryStep += 1;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void flush();
      }, delay);
    }

    async function run() {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      while (!halted && (!disposed || closing) && get().attemptId) {
        const entry = get().queue[0];
        if (!entry) break;
        sending = entry;
        const outcome = await send(entry);
        sending = null;
        if (outcome === 'retry') {
          coalesceFailed(entry);
          if (!disposed) scheduleRetry();
          return;
        }
        if (outcome === 'stop') return;
        retryStep = 0;
      }
    }

    function flush(): Promise<void> {
      if (!flushing)
        flushing = run().finally(() => {
          flushing = null;
        });
      return flushing;
    }

    function scheduleFlush(delayMs: number) {
      // While waiting to retry, the retry timer decides (no request per keystroke while offline).
      if (retryTimer !== undefined) return;
      clearTimeout(flushTimer);
      flushTimer = setTimeout(() => {
        flushTimer = undefined;
        void flush();
      }, delayMs);
    }

    const onOnline = () => {
      if (get().phase === 'load-error') {
        void get().load(get().attemptId as string);
        return;
      }
      clearTimeout(retryTimer);
      retryTimer = undefined;
      retryStep = 0;
      void flush();
    };

    // ------------------------------------------------------------ moving around

    function setIndex(index: number) {
      set({ index, screen: 'question' });
      persist();
      enterVisit();
    }

    /** Enters the section of item `index` (the server locks what must lock), then shows the item. */
    async function moveTo(index: number, timeUp = false) {
      const state = get();
      const target = state.items[index];
      if (!target || !state.attemptId) return;
      const leaving = sectionsLockedBy(state, target.sectionId).map((s) => s.id);
      set({ moving: true, pendingMove: null, notice: null });
      try {
        await flush();
        const unsaved = get().queue.filter((e) =>
          leaving.includes(get().items.find((i) => i.itemId === e.itemId)?.sectionId ?? ''),
        );
        if (unsaved.length > 0 && !timeUp) {
          set({
            notice:
              'Some answers in this part are not saved yet, and you cannot come back to it. Move on once they are saved (check your connection).',
          });
          return;
        }
        const sentAt = clock();
        const view = await api.enterSection(state.attemptId, target.sectionId);
        applyView(view, sentAt, clock());
        zeroHandled = null;
        setIndex(index);
        get().tick();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'deadline-passed' && timeUp)
          return void expire('time');
        if (error instanceof ApiError && error.code === 'attempt-submitted') return void expire('submitted');
        set({
          notice:
            error instanceof NetworkError
              ? 'Could not move to the next part: the server cannot be reached. Try again when you are back online.'
              : error instanceof Error
                ? error.message
                : 'Could not move to the next part.',
        });
      } finally {
        set({ moving: false });
      }
    }

    return {
      phase: 'idle',
      attemptId: null,
      notice: null,
      examName: '',
      mode: 'exam',
      endsAt: null,
      deadline: null,
      untimed: false,
      graceMs: 0,
      warningMinutes: [],
      offsetMs: 0,
      remainingMs: null,
      sections: [],
      currentSectionId: null,
      items: [],
      index: 0,
      responses: {},
      flags: {},
      seqs: {},
      feedback: {},
      queue: [],
      offline: false,
      saveProblem: null,
      failed: {},
      announcement: null,
      screen: 'question',
      pendingMove: null,
      moving: false,
      result: null,

      async load(attemptId) {
        disposed = false;
        closing = false;
        halted = false;
        set({ phase: 'loading', attemptId, notice: null });
        events?.removeEventListener('online', onOnline);
        events?.addEventListener('online', onOnline);
        let view: AttemptView;
        const sentAt = clock();
        try {
          view = await api.attempt(attemptId);
        } catch (error) {
          set({
            phase: 'load-error',
            notice:
              error instanceof NetworkError
                ? 'The server cannot be reached. Your saved answers are safe; this page will try again when you are back online.'
                : error instanceof ApiError && error.status === 404
                  ? 'This attempt was not found.'
                  : error instanceof Error
                    ? error.message
                    : 'The attempt could not be loaded.',
          });
          return;
        }
        applyView(view, sentAt, clock());
        if (view.status === 'submitted') {
          finished(null);
          return;
        }

        const stored = readPersisted(storage, attemptId);
        const responses: Record<string, ExamResponse | null> = {};
        const flags: Record<string, boolean> = {};
        const seqs: Record<string, number> = {};
        const feedback: Record<string, { seq: number; grade: GradeView }> = {};
        for (const item of view.items) {
          responses[item.itemId] = item.response;
          flags[item.itemId] = item.flagged;
          seqs[item.itemId] = Math.max(item.seq, stored?.seqs[item.itemId] ?? 0);
          if (item.feedback) feedback[item.itemId] = { seq: item.seq, grade: item.feedback };
        }
        // Restore what the server has not seen: newer responses, and flags not yet sent.
        const known = new Map(view.items.map((i) => [i.itemId, i]));
        const queue: QueueEntry[] = [];
        for (const entry of stored?.queue ?? []) {
          const item = known.get(entry.itemId);
          if (!item) continue;
          if (entry.kind === 'response') {
            if (entry.seq <= item.seq) continue;
            responses[entry.itemId] = entry.response;
            seqs[entry.itemId] = Math.max(seqs[entry.itemId] ?? 0, entry.seq);
          } else flags[entry.itemId] = entry.flagged;
          queue.push(entry);
        }
        warned = new Set(stored?.warned ?? []);

        // Back where the student was, unless that part is closed now.
        const open = (i: number) => view.items[i]?.sectionId === view.currentSectionId;
        const first = Math.max(
          0,
          view.items.findIndex((i) => i.sectionId === view.currentSectionId),
        );
        const index = stored && open(stored.index) ? stored.index : first;

        set({
          phase: 'ready',
          items: view.items,
          responses,
          flags,
          seqs,
          feedback,
          queue,
          failed: {},
          offline: false,
          saveProblem: null,
          index,
          screen: 'question',
          pendingMove: null,
        });
        persist();
        enterVisit();
        get().tick();
        if (get().phase === 'ready') startTicking();
        void flush();
      },

      answer(itemId, response, options) {
        const state = get();
        if (state.phase !== 'ready' || !state.attemptId) return;
        const item = state.items.find((i) => i.itemId === itemId);
        if (!item || item.sectionId !== state.currentSectionId) return;
        const seq = (state.seqs[itemId] ?? 0) + 1;
        set({
          responses: { ...state.responses, [itemId]: response },
          seqs: { ...state.seqs, [itemId]: seq },
          queue: enqueue(state.queue, { kind: 'response', itemId, response, seq }),
          failed: without(state.failed, itemId),
        });
        persist();
        scheduleFlush(options?.typing ? timing.typingDelayMs : 0);
      },

      toggleFlag(itemId) {
        const state = get();
        const id = itemId ?? currentItem(state)?.itemId;
        if (state.phase !== 'ready' || !id) return;
        const item = state.items.find((i) => i.itemId === id);
        if (!item || item.sectionId !== state.currentSectionId) return;
        const flagged = !state.flags[id];
        set({
          flags: { ...state.flags, [id]: flagged },
          queue: enqueue(state.queue, { kind: 'flag', itemId: id, flagged }),
        });
        persist();
        scheduleFlush(0);
      },

      goTo(index) {
        const state = get();
        const target = state.items[index];
        if (!target || (state.phase !== 'ready' && state.phase !== 'submitting') || state.moving) return;
        if (!itemOpen(state, target.itemId)) return;
        if (target.sectionId === state.currentSectionId || state.currentSectionId === null) {
          setIndex(index);
          return;
        }
        const locks = sectionsLockedBy(state, target.sectionId);
        if (locks.length > 0) {
          set({ pendingMove: { index, sectionId: target.sectionId, locks: locks.map((s) => s.title) } });
          return;
        }
        void moveTo(index);
      },

      next() {
        get().goTo(get().index + 1);
      },

      previous() {
        get().goTo(get().index - 1);
      },

      async confirmMove() {
        const move = get().pendingMove;
        if (move) await moveTo(move.index);
      },

      cancelMove() {
        set({ pendingMove: null });
      },

      showReview() {
        if (get().phase === 'ready') set({ screen: 'review', pendingMove: null });
      },

      hideReview() {
        set({ screen: 'question' });
      },

      async submit() {
        const { phase, attemptId } = get();
        if (phase !== 'ready' || !attemptId) return;
        set({ phase: 'submitting', notice: null });
        await flush();
        if (get().phase !== 'submitting') return;
        const waiting = get().queue.length;
        if (waiting > 0) {
          set({
            phase: 'ready',
            notice: `${waiting} change${waiting === 1 ? ' is' : 's are'} not saved yet. Check your connection and submit again once everything is saved.`,
          });
          return;
        }
        try {
          finished(await api.submit(attemptId));
        } catch (error) {
          if (get().phase !== 'submitting') return;
          set({
            phase: 'ready',
            notice:
              error instanceof NetworkError
                ? 'Could not reach the server to submit. Your answers are kept; try again when you are back online.'
                : error instanceof Error
                  ? error.message
                  : 'The exam could not be submitted.',
          });
        }
      },

      flush,

      tick() {
        const state = get();
        if (state.phase !== 'ready' && state.phase !== 'submitting') return;
        if (state.endsAt === null) {
          if (state.remainingMs !== null) set({ remainingMs: null });
          return;
        }
        const left = Math.max(0, state.endsAt - (clock() + state.offsetMs));
        const shown = Math.ceil(left / 1000) * 1000;
        if (shown !== state.remainingMs) set({ remainingMs: shown });

        // Warnings: each once per deadline (a new section clock has its own), the most urgent spoken.
        const due = state.warningMinutes
          .filter((m) => left > 0 && left <= m * 60_000 && !warned.has(`${state.endsAt}:${m}`))
          .sort((a, b) => a - b);
        if (due.length > 0) {
          for (const m of due) warned.add(`${state.endsAt}:${m}`);
          announce(warningText(due[0] as number));
          persist();
        }

        if (left <= 0 && zeroHandled !== state.endsAt && state.phase === 'ready') {
          zeroHandled = state.endsAt;
          void onZero();
        }
      },

      dismissNotice() {
        set({ notice: null });
      },

      dispose() {
        leaveVisit();
        disposed = true;
        stopTimers();
        events?.removeEventListener('online', onOnline);
        // Leaving the screen: send what is waiting (typing not yet sent) once, without retrying.
        if (!halted && get().queue.length > 0) {
          closing = true;
          void flush().finally(() => {
            closing = false;
          });
        }
      },
    };
  });
}

export type ExamStore = ReturnType<typeof createExamStore>;
