/**
 * The attempt state machine: pure functions of (state, event, now). `now` is the server's clock
 * in UTC milliseconds; nothing here reads a clock. States are plain JSON and never mutated.
 *
 * Rules:
 * - Status goes ready -> in-progress -> submitted and never back; submitted is final.
 * - Deadline = min(start + limit x accommodation factor + extensions, window close). With a
 *   per-section clock each section also ends budget x factor after it is first entered (capped
 *   by the overall deadline), and the attempt ends once no section has time left.
 * - Sequence numbers are per item: a save is stale when its seq is not above the last accepted
 *   seq FOR THAT ITEM. Two tabs may interleave saves of different items freely; for one item the
 *   newest wins. A refused retry carries `lastSeq` in its details: equal to its own seq means the
 *   save was already acknowledged.
 * - Grace: any event that arrives after a deadline but before deadline + grace is treated as in
 *   flight and handled as if it came in time. From deadline + grace on, the attempt is due:
 *   `settle` submits it ('expired', with the last accepted saves), a 'submit' event settles it,
 *   and every other event is refused with 'deadline-passed' — the same answers whether or not
 *   the server has called `settle` yet. Call `settle` whenever an attempt is read.
 * - Sections: items can be answered, flagged and visited in sections that have been entered
 *   and are not locked (leaving an item is always accepted, so its clock stops). Leaving a
 *   section with `mayReturn: false` locks it, and entering a section locks every earlier one
 *   with `mayReturn: false` (skipping past it is leaving it).
 * - Extensions add to the overall deadline and to the current section's deadline; given before
 *   the start, they add to the limit.
 * - Submitting a submitted attempt returns it unchanged (ok): there is never a second submission.
 */
import { z } from 'zod';
import type { Blueprint, ClockMode } from './blueprint';
import { blueprintLimitMinutes } from './blueprint';
import { dueWarnings, earliest, overallDeadline, remainingMs, scaledMs, sectionDeadline } from './clock';
import type { DrawnExam } from './draw';
import type { EngineErrorCode } from './errors';
import { EngineError } from './errors';
import type { ItemId } from './ids';

export const ATTEMPT_STATUSES = ['ready', 'in-progress', 'submitted'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export type SubmitReason = 'student' | 'expired' | 'instructor';

/** The last accepted save of one item. The response is opaque here: the edge validates it. */
export interface SavedResponse {
  response: unknown;
  seq: number;
  savedAt: number;
}

export interface SectionState {
  id: string;
  itemIds: ItemId[];
  /** Per-section clock: the budget x accommodation factor; null with a shared clock. */
  budgetMs: number | null;
  mayReturn: boolean;
  enteredAt: number | null;
  /** Per-section clock: set on first entry; null until then and with a shared clock. */
  deadline: number | null;
  locked: boolean;
}

export interface AttemptState {
  status: AttemptStatus;
  clockMode: ClockMode;
  accommodationFactor: number;
  /** The overall limit x factor, before extensions; null = untimed. */
  limitMs: number | null;
  /** Time added by instructors. */
  extensionMs: number;
  windowCloseAt: number | null;
  graceMs: number;
  /** The blueprint's warning thresholds, minutes left. */
  warningMinutes: number[];
  startedAt: number | null;
  /** The overall deadline; null before the start or when untimed with no window. */
  deadline: number | null;
  sections: SectionState[];
  currentSection: string | null;
  saves: Record<ItemId, SavedResponse>;
  flagged: ItemId[];
  timeSpentMs: Record<ItemId, number>;
  /** The item the student is on since when, for time per item. */
  openVisit: { itemId: ItemId; since: number } | null;
  submittedAt: number | null;
  submitReason: SubmitReason | null;
  /** The responses as of submission: the last accepted save per item. */
  submittedResponses: Record<ItemId, SavedResponse> | null;
}

const itemId = z.string().min(1).max(120);

/** Attempt events as the edge receives them. */
export const attemptEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('save'), itemId, response: z.unknown(), seq: z.int().min(0) }),
  z.object({ type: z.literal('flag'), itemId }),
  z.object({ type: z.literal('unflag'), itemId }),
  z.object({ type: z.literal('visit'), itemId, action: z.enum(['enter', 'leave']) }),
  z.object({ type: z.literal('enter-section'), sectionId: z.string().min(1) }),
  z.object({ type: z.literal('extend'), ms: z.int().min(1) }),
  z.object({ type: z.literal('submit'), reason: z.enum(['student', 'instructor']) }),
]);
export type AttemptEvent = z.infer<typeof attemptEventSchema>;

export type EventResult = { ok: true; state: AttemptState } | { ok: false; error: EngineError };

export interface NewAttempt {
  blueprint: Blueprint;
  exam: DrawnExam;
  /** Extra-time accommodation, e.g. 1.5 or 2; default 1. */
  accommodationFactor?: number;
  /** No work after this instant, whatever the limit. */
  windowCloseAt?: number | null;
}

/** A ready attempt for a drawn exam. Throws EngineError 'invalid-attempt' on a mismatch. */
export function createAttempt(input: NewAttempt): AttemptState {
  const { blueprint, exam, accommodationFactor = 1, windowCloseAt = null } = input;
  if (!(Number.isFinite(accommodationFactor) && accommodationFactor >= 1 && accommodationFactor <= 10))
    throw new EngineError('invalid-attempt', `accommodation factor ${accommodationFactor} is not in 1..10`);
  if (windowCloseAt !== null && !Number.isFinite(windowCloseAt))
    throw new EngineError('invalid-attempt', 'window close must be a time in milliseconds');
  const bpSections = blueprint.sections.map((s) => s.id).join(', ');
  const examSections = exam.sections.map((s) => s.sectionId).join(', ');
  if (exam.blueprintId !== blueprint.id || bpSections !== examSections)
    throw new EngineError(
      'invalid-attempt',
      `exam (blueprint ${exam.blueprintId}: ${examSections}) was not drawn from blueprint ${blueprint.id} (${bpSections})`,
    );
  const perSection = blueprint.clock.mode === 'per-section';
  const limit = blueprintLimitMinutes(blueprint);
  return {
    status: 'ready',
    clockMode: blueprint.clock.mode,
    accommodationFactor,
    limitMs: limit === null ? null : scaledMs(limit, accommodationFactor),
    extensionMs: 0,
    windowCloseAt,
    graceMs: blueprint.graceSeconds * 1000,
    warningMinutes: [...blueprint.warningMinutes],
    startedAt: null,
    deadline: null,
    sections: blueprint.sections.map((section, i) => ({
      id: section.id,
      itemIds: (exam.sections[i]?.items ?? []).map((item) => item.itemId),
      budgetMs: perSection ? scaledMs(section.minutes ?? 0, accommodationFactor) : null,
      mayReturn: section.mayReturn,
      enteredAt: null,
      deadline: null,
      locked: false,
    })),
    currentSection: null,
    saves: {},
    flagged: [],
    timeSpentMs: {},
    openVisit: null,
    submittedAt: null,
    submitReason: null,
    submittedResponses: null,
  };
}

// ---------------------------------------------------------------- time

/** When the attempt ends by itself (before grace); null when it never does. */
export function expiresAt(state: AttemptState): number | null {
  if (state.clockMode === 'shared') return state.deadline;
  let last = Number.NEGATIVE_INFINITY;
  for (const section of state.sections) {
    if (section.locked) continue;
    // A section not entered yet still has its whole budget: only the overall deadline applies.
    if (section.deadline === null) return state.deadline;
    last = Math.max(last, section.deadline);
  }
  return earliest(state.deadline, last);
}

/** True when the attempt is in progress and past its end plus grace: settle would submit it. */
export function isDue(state: AttemptState, now: number): boolean {
  const end = expiresAt(state);
  return state.status === 'in-progress' && end !== null && now >= end + state.graceMs;
}

/** The deadline that applies where the student is: the current section's, else the attempt's. */
function currentDeadline(state: AttemptState): number | null {
  const section = state.sections.find((s) => s.id === state.currentSection);
  return earliest(section?.deadline ?? null, state.deadline);
}

/** Milliseconds left where the student is (0 once submitted); null before the start or when untimed. */
export function timeLeft(state: AttemptState, now: number): number | null {
  if (state.status === 'submitted') return 0;
  if (state.status === 'ready') return null;
  return remainingMs(currentDeadline(state), now);
}

/** The warning thresholds (minutes left, largest first) due now; the caller remembers which it showed. */
export function warningsDue(
  state: AttemptState,
  thresholdsMinutes: readonly number[],
  now: number,
): number[] {
  if (state.status !== 'in-progress') return [];
  return dueWarnings(timeLeft(state, now), thresholdsMinutes);
}

// ---------------------------------------------------------------- transitions

const ok = (state: AttemptState): EventResult => ({ ok: true, state });
const fail = (code: EngineErrorCode, message: string, details?: unknown): EventResult => ({
  ok: false,
  error: new EngineError(code, message, details),
});

/** An own property of a record (never one inherited from Object.prototype, e.g. "constructor"). */
function own<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The state with the open visit's time added to its item, closed at `now` (not past the end). */
function closeVisit(state: AttemptState, now: number): AttemptState {
  const visit = state.openVisit;
  if (visit === null) return state;
  const end = Math.min(now, expiresAt(state) ?? now);
  const spent = Math.max(0, end - visit.since);
  const before = own(state.timeSpentMs, visit.itemId) ?? 0;
  return { ...state, openVisit: null, timeSpentMs: { ...state.timeSpentMs, [visit.itemId]: before + spent } };
}

/** The submitted attempt: final, holding the last accepted saves. */
function finish(state: AttemptState, reason: SubmitReason, at: number): AttemptState {
  return {
    ...closeVisit(state, at),
    status: 'submitted',
    submitReason: reason,
    submittedAt: at,
    submittedResponses: state.saves,
  };
}

/** Submits the attempt as 'expired' once it is due (at its end + grace); otherwise returns it unchanged. */
export function settle(state: AttemptState, now: number): AttemptState {
  if (!isDue(state, now)) return state;
  return finish(state, 'expired', (expiresAt(state) as number) + state.graceMs);
}

/** Why the student may not touch `id` now, or null when they may. */
function itemAccess(state: AttemptState, id: ItemId, now: number): EventResult | null {
  const section = state.sections.find((s) => s.itemIds.includes(id));
  if (!section) return fail('invalid-event', `item ${id} is not on this attempt`, { itemId: id });
  if (section.locked)
    return fail('section-locked', `section ${section.id} is locked`, { itemId: id, sectionId: section.id });
  if (section.enteredAt === null)
    return fail('section-locked', `section ${section.id} has not been entered`, {
      itemId: id,
      sectionId: section.id,
    });
  if (section.deadline !== null && now >= section.deadline + state.graceMs)
    return fail('deadline-passed', `time for section ${section.id} is up`, {
      itemId: id,
      sectionId: section.id,
      deadline: section.deadline,
    });
  return null;
}

/** Starts the attempt: fixes the deadline and enters the first section. */
function start(state: AttemptState, now: number): EventResult {
  if (state.windowCloseAt !== null && now >= state.windowCloseAt)
    return fail('deadline-passed', 'the window for this attempt has closed', {
      windowCloseAt: state.windowCloseAt,
    });
  const started: AttemptState = {
    ...state,
    status: 'in-progress',
    startedAt: now,
    deadline: overallDeadline({ ...state, startedAt: now }),
  };
  return ok(enter(started, 0, now));
}

/** The state with section `index` entered (its clock started on first entry) and made current. */
function enter(state: AttemptState, index: number, now: number): AttemptState {
  const sections = state.sections.map((section, i) => {
    if (i !== index) return section;
    if (section.enteredAt !== null) return section;
    const deadline =
      section.budgetMs === null ? null : sectionDeadline(now, section.budgetMs, state.deadline);
    return { ...section, enteredAt: now, deadline };
  });
  return { ...state, sections, currentSection: sections[index]?.id ?? null };
}

/** Moves to another section, locking the one-way sections left behind. */
function enterSection(state: AttemptState, sectionId: string, now: number): EventResult {
  const index = state.sections.findIndex((s) => s.id === sectionId);
  const target = state.sections[index];
  if (!target) return fail('invalid-event', `no section ${sectionId} on this attempt`, { sectionId });
  if (target.id === state.currentSection) return ok(state);
  if (target.locked) return fail('section-locked', `section ${sectionId} is locked`, { sectionId });
  if (target.deadline !== null && now >= target.deadline + state.graceMs)
    return fail('deadline-passed', `time for section ${sectionId} is up`, {
      sectionId,
      deadline: target.deadline,
    });
  const left = closeVisit(state, now);
  const sections = left.sections.map((section, i) =>
    !section.mayReturn && (i < index || section.id === state.currentSection)
      ? { ...section, locked: true }
      : section,
  );
  return ok(enter({ ...left, sections }, index, now));
}

/** Records a save unless it is stale for its item. */
function save(state: AttemptState, event: Extract<AttemptEvent, { type: 'save' }>, now: number): EventResult {
  if (!(Number.isSafeInteger(event.seq) && event.seq >= 0))
    return fail('invalid-event', `seq ${event.seq} is not a whole number >= 0`, { itemId: event.itemId });
  const refused = itemAccess(state, event.itemId, now);
  if (refused) return refused;
  const last = own(state.saves, event.itemId);
  if (last && event.seq <= last.seq)
    return fail(
      'stale-sequence',
      `save ${event.seq} of item ${event.itemId} is not newer than save ${last.seq}`,
      { itemId: event.itemId, seq: event.seq, lastSeq: last.seq },
    );
  const saved: SavedResponse = { response: event.response, seq: event.seq, savedAt: now };
  return ok({ ...state, saves: { ...state.saves, [event.itemId]: saved } });
}

/** Flags or unflags an item for review (idempotent). */
function flag(state: AttemptState, id: ItemId, on: boolean, now: number): EventResult {
  const refused = itemAccess(state, id, now);
  if (refused) return refused;
  if (state.flagged.includes(id) === on) return ok(state);
  return ok({ ...state, flagged: on ? [...state.flagged, id] : state.flagged.filter((f) => f !== id) });
}

/** Entering an item opens a visit (closing any other); leaving it adds the time spent. */
function visit(state: AttemptState, id: ItemId, action: 'enter' | 'leave', now: number): EventResult {
  // Leaving is always allowed, even once the section's time is up, so the clock stops on the item.
  if (action === 'leave') return ok(state.openVisit?.itemId === id ? closeVisit(state, now) : state);
  const refused = itemAccess(state, id, now);
  if (refused) return refused;
  if (state.openVisit?.itemId === id) return ok(state);
  return ok({ ...closeVisit(state, now), openVisit: { itemId: id, since: now } });
}

/** Adds instructor time to the attempt and to the current section. */
function extend(state: AttemptState, ms: number): EventResult {
  if (!(Number.isSafeInteger(ms) && ms > 0))
    return fail('invalid-event', `an extension must be a positive whole number of ms, not ${ms}`);
  const extended = { ...state, extensionMs: state.extensionMs + ms };
  if (state.startedAt === null) return ok(extended);
  const deadline = overallDeadline({ ...extended, startedAt: state.startedAt });
  const sections = state.sections.map((section) =>
    section.id === state.currentSection && section.deadline !== null
      ? { ...section, deadline: earliest(section.deadline + ms, deadline) }
      : section,
  );
  return ok({ ...extended, deadline, sections });
}

/** Applies one event at `now`. Never throws for a refused event: the error says why, with a stable code. */
export function applyEvent(state: AttemptState, event: AttemptEvent, now: number): EventResult {
  if (state.status === 'submitted') {
    if (event.type === 'submit') return ok(state);
    return fail('invalid-transition', `the attempt is submitted; ${event.type} is not possible`, {
      status: state.status,
      submitReason: state.submitReason,
    });
  }
  if (state.status === 'ready') {
    if (event.type === 'start') return start(state, now);
    if (event.type === 'extend') return extend(state, event.ms);
    return fail('invalid-transition', `the attempt has not started; ${event.type} is not possible`, {
      status: state.status,
    });
  }
  if (isDue(state, now)) {
    if (event.type === 'submit') return ok(settle(state, now));
    return fail('deadline-passed', `time is up; ${event.type} is not possible`, {
      expiresAt: expiresAt(state),
    });
  }
  switch (event.type) {
    case 'start':
      return fail('invalid-transition', 'the attempt has already started', { status: state.status });
    case 'save':
      return save(state, event, now);
    case 'flag':
    case 'unflag':
      return flag(state, event.itemId, event.type === 'flag', now);
    case 'visit':
      return visit(state, event.itemId, event.action, now);
    case 'enter-section':
      return enterSection(state, event.sectionId, now);
    case 'extend':
      return extend(state, event.ms);
    case 'submit':
      return ok(finish(state, event.reason, now));
  }
}
