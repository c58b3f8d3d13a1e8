/**
 * Taking an exam. The engine decides (draws, the attempt state machine, grading); this service
 * loads and stores, enforces who may act, and finalises attempts whose time ran out. Every read
 * and write settles the attempt first, so an attempt past its deadline + grace is graded and
 * stored before anything is answered about it.
 *
 * Writes run in one transaction each. When a refusal must follow a write that has to stay (an
 * expired attempt finalised on the way), the transaction returns a Refused value and the error
 * is thrown after the commit.
 */
import { createHash } from 'node:crypto';
import type {
  AttemptExamRow,
  AttemptHead,
  AttemptItemWithBody,
  AttemptRow,
  DrawableItem,
  NewAttemptItemRow,
} from '@coderprep/db';
import {
  countAttemptsAtAssignment,
  findAssignmentForAttempt,
  findAttempt,
  findAttemptHead,
  findAttemptItemWithBody,
  findCohortMemberForAttempt,
  findExamForAttempt,
  findOpenAttemptByKey,
  insertAttemptWithItems,
  inTransaction,
  listAttemptItemsWithBodies,
  listDrawableItems,
  listDueAttemptIds,
  saveAttemptResponse,
  storeAttemptSubmission,
  updateAttemptItems,
  updateAttemptState,
} from '@coderprep/db';
import {
  type AttemptEvent,
  type AttemptState,
  applyEvent,
  type Bank,
  type Blueprint,
  createAttempt,
  type DrawnExam,
  drawExam,
  type EngineError,
  earliest,
  gradeAttempt,
  gradeResponse,
  type Item,
  isDue,
  itemPoints,
  type Response,
  type ScoreReport,
  settle,
  studentView,
  timeLeft,
  warningsDue,
} from '@coderprep/exam-engine';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { ANY_MEMBER, requireRole } from '../http/authz';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/errors';
import { responseIssues } from './response-fit';
import {
  blueprintOf,
  deadlineColumn,
  hydrate,
  itemChanges,
  itemOf,
  savedResponse,
  sectionTitles,
  storedState,
} from './state';
import type {
  AttemptResultBody,
  AttemptReviewBody,
  AttemptViewBody,
  FlagResultBody,
  SavedResponseBody,
  VisitResultBody,
} from './types';

// ---------------------------------------------------------------- plumbing

/** A refusal decided inside a transaction whose writes must still commit. */
class Refused {
  constructor(readonly error: ApiError | EngineError) {}
}

/** Runs `fn` in one transaction; a Refused result is thrown after the commit. */
function transact<T>(deps: Deps, fn: () => T | Refused): T {
  const outcome = inTransaction(deps.db, fn);
  if (outcome instanceof Refused) throw outcome.error;
  return outcome;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The attempt, if it is this person's; anyone else's is as if it did not exist. */
function ownAttempt(deps: Deps, user: SessionUser, attemptId: string): AttemptRow {
  const row = findAttempt(deps.db, attemptId);
  if (!row || row.userId !== user.id) throw notFound('The attempt');
  return row;
}

/** The same, without the drawn exam and the report (saves and flags read it on every request). */
function ownAttemptHead(deps: Deps, user: SessionUser, attemptId: string): AttemptHead {
  const row = findAttemptHead(deps.db, attemptId);
  if (!row || row.userId !== user.id) throw notFound('The attempt');
  return row;
}

/** Whether the stored deadline says the attempt may be due (the engine then decides). */
const mayBeDue = (row: AttemptHead, now: number) =>
  row.status === 'in-progress' && row.deadlineAt !== null && now >= row.deadlineAt + row.graceMs;

/** Why an event on a submitted attempt is refused. */
function closedError(row: AttemptHead): ApiError {
  if (row.submitReason === 'expired')
    return conflict(
      'deadline-passed',
      `Time is up: this attempt ended at ${iso(row.submittedAt ?? 0)} (the grace period for answers in flight included) ` +
        'and was submitted with the answers saved before then. This change was not saved.',
      { submittedAt: row.submittedAt },
    );
  return conflict('attempt-submitted', 'This attempt has been submitted; its answers can no longer change.', {
    submittedAt: row.submittedAt,
  });
}

/** An engine refusal, with a clearer message for a deadline. */
function refusal(error: EngineError): ApiError | EngineError {
  if (error.code !== 'deadline-passed') return error;
  return conflict(
    'deadline-passed',
    'Time is up for this part of the exam (the grace period for answers in flight has passed): this change was not saved.',
    error.details,
  );
}

// ---------------------------------------------------------------- finalising

/** The pass mark of an exam's blueprint (70 when it cannot be read). */
function passPercentOf(exam: AttemptExamRow | undefined): number {
  if (!exam) return 70;
  try {
    return blueprintOf(exam).passPercent;
  } catch {
    return 70;
  }
}

/** Grades a submitted state and stores it, its score and every item's grade. Inside a transaction. */
function finalise(deps: Deps, row: AttemptHead, items: readonly AttemptItemWithBody[], state: AttemptState) {
  const spent = (itemId: string) =>
    Object.hasOwn(state.timeSpentMs, itemId) ? (state.timeSpentMs[itemId] ?? 0) : 0;
  const graded = gradeAttempt(
    items.map((item) => ({
      itemId: item.itemId,
      sectionId: item.sectionId,
      item: itemOf(item),
      scored: item.scored,
      response: savedResponse(item),
      timeSpentMs: spent(item.itemId),
    })),
    { passPercent: passPercentOf(findExamForAttempt(deps.db, row.examId)), codeSet: deps.codeSet },
  );
  storeAttemptSubmission(
    deps.db,
    row.id,
    {
      state: storedState(state),
      submittedAt: state.submittedAt ?? deps.clock.now(),
      submitReason: state.submitReason ?? 'student',
      scorePercent: graded.report.percent,
      passed: graded.report.passed,
      result: JSON.stringify(graded.report),
      updatedAt: deps.clock.now(),
    },
    graded.items.map((g) => ({
      itemId: g.itemId,
      score: g.grade.score,
      choice: g.choice,
      timeSpentMs: spent(g.itemId),
    })),
  );
}

/** Finalises the attempt when it is due at `now`. Inside a transaction. Returns the current row. */
function settleRow<T extends AttemptHead>(deps: Deps, row: T, now: number): T | AttemptRow {
  if (!mayBeDue(row, now)) return row;
  const items = listAttemptItemsWithBodies(deps.db, row.id);
  const state = hydrate(row, items);
  if (!isDue(state, now)) return row;
  finalise(deps, row, items, settle(state, now));
  return findAttempt(deps.db, row.id) as AttemptRow;
}

/** The attempt, finalised first when it is due. */
function settled(deps: Deps, row: AttemptRow, now: number): AttemptRow {
  if (!mayBeDue(row, now)) return row;
  return inTransaction(deps.db, () => {
    const fresh = findAttempt(deps.db, row.id);
    return fresh ? settleRow(deps, fresh, now) : row;
  });
}

/**
 * Finalises every in-progress attempt whose deadline + grace has passed, with its saved
 * responses (reason 'expired'), optionally only one person's. Returns how many it finalised.
 */
export function finaliseExpiredAttempts(deps: Deps, userId?: string): number {
  const now = deps.clock.now();
  let finalised = 0;
  for (const id of listDueAttemptIds(deps.db, now, userId)) {
    try {
      const row = findAttempt(deps.db, id);
      if (row && settled(deps, row, now).status === 'submitted') finalised++;
    } catch (error) {
      deps.logger.error({ err: error, attemptId: id }, 'could not finalise an expired attempt');
    }
  }
  if (finalised > 0) deps.logger.info({ finalised }, 'expired attempts finalised');
  return finalised;
}

// ---------------------------------------------------------------- starting

/** The engine bank of drawable items: row ids as item ids, current versions. */
export function bankOf(id: string, drawable: readonly DrawableItem[]): Bank {
  const items = drawable.map((row) => itemOf({ itemId: row.id, itemVersion: row.version, body: row.body }));
  const version = createHash('sha256')
    .update(drawable.map((row) => `${row.id}:${row.version}`).join(','))
    .digest('hex')
    .slice(0, 16);
  return { id, version, items };
}

export interface NewAttemptInput {
  organisationId: string;
  userId: string;
  exam: AttemptExamRow;
  assignmentId: string | null;
  /** null = no idempotency key (drills). */
  openKey: string | null;
  blueprint: Blueprint;
  bank: Bank;
  drawn: DrawnExam;
  timeFactor: number;
  windowCloseAt: number | null;
}

/** The started engine state and the rows of a new attempt. */
export function newAttemptRows(deps: Deps, input: NewAttemptInput, now: number) {
  const result = applyEvent(
    createAttempt({
      blueprint: input.blueprint,
      exam: input.drawn,
      accommodationFactor: input.timeFactor,
      windowCloseAt: input.windowCloseAt,
    }),
    { type: 'start' },
    now,
  );
  if (!result.ok) throw refusal(result.error);
  const state = result.state;
  const id = deps.newId();
  const byId = new Map(input.bank.items.map((item) => [item.id, item]));
  let position = 0;
  const items: NewAttemptItemRow[] = input.drawn.sections.flatMap((section) =>
    section.items.map((drawnItem) => ({
      attemptId: id,
      itemId: drawnItem.itemId,
      itemVersion: drawnItem.version,
      position: position++,
      sectionId: section.sectionId,
      domain: drawnItem.domain,
      scored: drawnItem.scored,
      points: itemPoints(byId.get(drawnItem.itemId) as Item),
    })),
  );
  const attempt = {
    id,
    organisationId: input.organisationId,
    userId: input.userId,
    examId: input.exam.id,
    assignmentId: input.assignmentId,
    mode: input.exam.mode,
    status: 'in-progress' as const,
    openKey: input.openKey,
    seed: input.drawn.seed,
    drawn: JSON.stringify(input.drawn),
    state: storedState(state),
    timeFactor: input.timeFactor,
    extensionMs: 0,
    startedAt: now,
    deadlineAt: deadlineColumn(state),
    graceMs: state.graceMs,
    updatedAt: now,
  };
  return { attempt, items };
}

/**
 * Starts an attempt at an assignment, or returns the student's open one (`created: false`).
 * Parallel starts create one attempt: the open key is unique.
 */
export function startAttempt(
  deps: Deps,
  user: SessionUser,
  assignmentId: string,
): { view: AttemptViewBody; created: boolean } {
  const found = findAssignmentForAttempt(deps.db, assignmentId);
  if (!found) throw notFound('The assignment');
  const { assignment, organisationId, exam } = found;
  requireRole(deps, user, organisationId, ANY_MEMBER);
  const member = findCohortMemberForAttempt(deps.db, assignment.cohortId, user.id);
  if (member?.role !== 'student') throw forbidden("Only students of this assignment's cohort can take it.");

  const openKey = `${user.id}:${assignmentId}`;
  const now = deps.clock.now();
  const open = findOpenAttemptByKey(deps.db, openKey);
  if (open && settled(deps, open, now).status === 'in-progress')
    return { view: attemptView(deps, open.id, now), created: false };

  if (now < assignment.opensAt)
    throw conflict('not-open-yet', `This assignment opens at ${iso(assignment.opensAt)}.`, {
      opensAt: assignment.opensAt,
    });
  if (now >= assignment.closesAt)
    throw conflict('window-closed', `This assignment closed at ${iso(assignment.closesAt)}.`, {
      closesAt: assignment.closesAt,
    });
  const allowed = assignment.attemptLimit + member.extraAttempts;
  const checkLimit = () => {
    const used = countAttemptsAtAssignment(deps.db, user.id, assignmentId);
    if (used >= allowed)
      throw conflict(
        'no-attempts-left',
        `You have used all ${allowed} attempt${allowed === 1 ? '' : 's'} at this assignment.`,
        { used, allowed },
      );
  };
  checkLimit();

  const blueprint = blueprintOf(exam);
  const bankIds = JSON.parse(exam.bankIds) as string[];
  const bank = bankOf(bankIds.join('+'), listDrawableItems(deps.db, organisationId, bankIds));
  const drawn = drawExam(blueprint, bank, deps.newId());
  const { attempt, items } = newAttemptRows(
    deps,
    {
      organisationId,
      userId: user.id,
      exam,
      assignmentId,
      openKey,
      blueprint,
      bank,
      drawn,
      timeFactor: member.timeFactor,
      windowCloseAt: assignment.closesAt,
    },
    now,
  );

  const outcome = inTransaction(deps.db, () => {
    const existing = findOpenAttemptByKey(deps.db, openKey);
    if (existing) return { id: existing.id, created: false };
    checkLimit();
    if (insertAttemptWithItems(deps.db, attempt, items)) return { id: attempt.id, created: true };
    // A parallel start won the open key between the check and the insert.
    const winner = findOpenAttemptByKey(deps.db, openKey);
    if (!winner) throw conflict('start-conflict', 'The attempt could not be started; try again.');
    return { id: winner.id, created: false };
  });
  return { view: attemptView(deps, outcome.id, now), created: outcome.created };
}

/** Inserts a new attempt (no open key) and returns its view: drills. */
export function insertAttempt(deps: Deps, rows: ReturnType<typeof newAttemptRows>, now: number) {
  inTransaction(deps.db, () => insertAttemptWithItems(deps.db, rows.attempt, rows.items));
  return attemptView(deps, rows.attempt.id, now);
}

// ---------------------------------------------------------------- reading

/** Option orders of the drawn items by item id. */
function optionOrders(row: AttemptRow): Map<string, Record<string, string[]>> {
  const drawn = JSON.parse(row.drawn) as DrawnExam;
  return new Map(
    drawn.sections.flatMap((section) => section.items.map((item) => [item.itemId, item.optionOrder ?? {}])),
  );
}

/** The response if it answers this item's type, else undefined (graded as unanswered). */
const fitting = (item: Item, response: Response | undefined) =>
  response?.type === item.type ? response : undefined;

/** The attempt as its student sees it: never any key material while in progress. */
function buildView(
  deps: Deps,
  row: AttemptRow,
  items: readonly AttemptItemWithBody[],
  now: number,
): AttemptViewBody {
  const state = hydrate(row, items);
  const exam = findExamForAttempt(deps.db, row.examId);
  const titles = exam ? sectionTitles(exam) : new Map<string, string>();
  const orders = optionOrders(row);
  const immediateFeedback = row.mode !== 'exam';
  const current = state.sections.find((s) => s.id === state.currentSection);
  return {
    id: row.id,
    organisationId: row.organisationId,
    examId: row.examId,
    examName: exam?.name ?? '',
    assignmentId: row.assignmentId,
    mode: row.mode,
    status: row.status,
    now,
    startedAt: row.startedAt,
    deadline: state.deadline,
    endsAt:
      state.status === 'submitted' ? row.submittedAt : earliest(current?.deadline ?? null, state.deadline),
    graceMs: state.graceMs,
    timeLeftMs: timeLeft(state, now),
    timeLimitMs: state.limitMs === null ? null : state.limitMs + state.extensionMs,
    warningsDue: warningsDue(state, state.warningMinutes, now),
    warningMinutes: state.warningMinutes,
    timeFactor: row.timeFactor,
    currentSectionId: state.currentSection,
    sections: state.sections.map((section) => ({
      id: section.id,
      title: titles.get(section.id) ?? section.id,
      mayReturn: section.mayReturn,
      entered: section.enteredAt !== null,
      locked: section.locked,
      deadline: section.deadline,
      itemIds: section.itemIds,
    })),
    items: items.map((entry) => {
      const item = itemOf(entry);
      const response = savedResponse(entry);
      const answer = fitting(item, response);
      return {
        itemId: entry.itemId,
        sectionId: entry.sectionId,
        position: entry.position,
        item: studentView(item, orders.get(entry.itemId)),
        response: response ?? null,
        seq: entry.seq,
        savedAt: entry.savedAt,
        flagged: entry.flagged,
        ...(immediateFeedback && answer
          ? { feedback: gradeResponse(item, answer, { codeSet: deps.codeSet }) }
          : {}),
      };
    }),
    submittedAt: row.submittedAt,
    submitReason: row.submitReason as AttemptViewBody['submitReason'],
  };
}

function attemptView(deps: Deps, attemptId: string, now: number): AttemptViewBody {
  const row = findAttempt(deps.db, attemptId) as AttemptRow;
  return buildView(deps, row, listAttemptItemsWithBodies(deps.db, attemptId), now);
}

/** The student's view of their attempt (finalised first if its time ran out). */
export function readAttempt(deps: Deps, user: SessionUser, attemptId: string): AttemptViewBody {
  const now = deps.clock.now();
  const row = settled(deps, ownAttempt(deps, user, attemptId), now);
  return attemptView(deps, row.id, now);
}

// ---------------------------------------------------------------- saving

/**
 * Saves a response: validated against the item, accepted by the engine (sequence, section,
 * deadline + grace), stored in the item's row only when its seq is newer. Practice and drill
 * modes answer with the item's grade.
 */
export function saveResponse(
  deps: Deps,
  user: SessionUser,
  attemptId: string,
  itemId: string,
  body: { response: Response; seq: number },
): SavedResponseBody {
  const now = deps.clock.now();
  return transact(deps, () => {
    let row: AttemptHead = ownAttemptHead(deps, user, attemptId);
    if (row.status === 'submitted') return new Refused(closedError(row));
    row = settleRow(deps, row, now);
    if (row.status === 'submitted') return new Refused(closedError(row));

    const entry = findAttemptItemWithBody(deps.db, attemptId, itemId);
    if (!entry) throw notFound('The item');
    const item = itemOf(entry);
    const issues = responseIssues(item, body.response);
    if (issues.length > 0)
      throw badRequest('invalid-response', 'The response does not fit this item.', issues);

    const event: AttemptEvent = { type: 'save', itemId, response: body.response, seq: body.seq };
    const result = applyEvent(hydrate(row, [entry]), event, now);
    if (!result.ok) return new Refused(refusal(result.error));
    const stored = saveAttemptResponse(deps.db, {
      attemptId,
      itemId,
      response: JSON.stringify(body.response),
      seq: body.seq,
      savedAt: now,
    });
    if (!stored)
      return new Refused(
        conflict('stale-sequence', `Save ${body.seq} of this item is not newer than the stored one.`, {
          itemId,
          seq: body.seq,
          lastSeq: findAttemptItemWithBody(deps.db, attemptId, itemId)?.seq ?? null,
        }),
      );
    const saved: SavedResponseBody = { itemId, seq: body.seq, savedAt: now };
    if (row.mode !== 'exam') saved.feedback = gradeResponse(item, body.response, { codeSet: deps.codeSet });
    return saved;
  });
}

// ---------------------------------------------------------------- flags, visits, sections

/**
 * Applies an event that changes flags, times or the section state: the changed item rows and,
 * when it changed, the state JSON are written. `itemId` limits the rows loaded to one item.
 */
function applyStateEvent(
  deps: Deps,
  user: SessionUser,
  attemptId: string,
  event: AttemptEvent,
  itemId?: string,
): AttemptState {
  const now = deps.clock.now();
  return transact(deps, () => {
    let row: AttemptHead = ownAttemptHead(deps, user, attemptId);
    if (row.status === 'submitted') return new Refused(closedError(row));
    row = settleRow(deps, row, now);
    if (row.status === 'submitted') return new Refused(closedError(row));

    let items: AttemptItemWithBody[];
    if (itemId !== undefined) {
      const entry = findAttemptItemWithBody(deps.db, attemptId, itemId);
      if (!entry) throw notFound('The item');
      items = [entry];
    } else items = listAttemptItemsWithBodies(deps.db, attemptId);
    const before = hydrate(row, items);
    if (event.type === 'enter-section' && !before.sections.some((s) => s.id === event.sectionId))
      throw notFound('The section');
    const result = applyEvent(before, event, now);
    if (!result.ok) return new Refused(refusal(result.error));
    const after = result.state;
    updateAttemptItems(deps.db, attemptId, itemChanges(items, after));
    const state = storedState(after);
    if (state !== storedState(before))
      updateAttemptState(deps.db, attemptId, { state, deadlineAt: deadlineColumn(after), updatedAt: now });
    return after;
  });
}

export function flagItem(
  deps: Deps,
  user: SessionUser,
  attemptId: string,
  itemId: string,
  flagged: boolean,
): FlagResultBody {
  const state = applyStateEvent(deps, user, attemptId, { type: flagged ? 'flag' : 'unflag', itemId }, itemId);
  return { itemId, flagged: state.flagged.includes(itemId) };
}

export function visitItem(
  deps: Deps,
  user: SessionUser,
  attemptId: string,
  visit: { itemId: string; action: 'enter' | 'leave' },
): VisitResultBody {
  if (!findAttemptItemWithBody(deps.db, attemptId, visit.itemId)) {
    ownAttempt(deps, user, attemptId);
    throw notFound('The item');
  }
  const state = applyStateEvent(deps, user, attemptId, { type: 'visit', ...visit });
  const spent = Object.hasOwn(state.timeSpentMs, visit.itemId) ? (state.timeSpentMs[visit.itemId] ?? 0) : 0;
  return { itemId: visit.itemId, action: visit.action, timeSpentMs: spent };
}

export function enterSection(
  deps: Deps,
  user: SessionUser,
  attemptId: string,
  sectionId: string,
): AttemptViewBody {
  applyStateEvent(deps, user, attemptId, { type: 'enter-section', sectionId });
  return attemptView(deps, attemptId, deps.clock.now());
}

// ---------------------------------------------------------------- submitting and results

/** Submits the attempt (idempotent: a submitted attempt is returned as it is) and returns its result. */
export function submitAttempt(deps: Deps, user: SessionUser, attemptId: string): AttemptResultBody {
  const now = deps.clock.now();
  const row = transact(deps, () => {
    const current = ownAttempt(deps, user, attemptId);
    if (current.status === 'submitted') return current;
    const items = listAttemptItemsWithBodies(deps.db, attemptId);
    // An attempt already due settles as 'expired' at its end + grace; otherwise the student submits now.
    const result = applyEvent(hydrate(current, items), { type: 'submit', reason: 'student' }, now);
    if (!result.ok) return new Refused(result.error);
    finalise(deps, current, items, result.state);
    return findAttempt(deps.db, attemptId) as AttemptRow;
  });
  return resultOf(deps, row);
}

/** The result of a submitted attempt. */
function resultOf(deps: Deps, row: AttemptRow): AttemptResultBody {
  const report = JSON.parse(row.result ?? 'null') as ScoreReport | null;
  if (row.status !== 'submitted' || !report || row.submittedAt === null)
    throw conflict('not-submitted', 'The result is ready once the attempt is submitted.');
  const exam = findExamForAttempt(deps.db, row.examId);
  const titles = exam ? sectionTitles(exam) : new Map<string, string>();
  const items = listAttemptItemsWithBodies(deps.db, row.id);
  return {
    attemptId: row.id,
    examName: exam?.name ?? '',
    mode: row.mode,
    status: row.status,
    startedAt: row.startedAt,
    submittedAt: row.submittedAt,
    submitReason: (row.submitReason ?? 'student') as AttemptResultBody['submitReason'],
    scorePercent: report.percent,
    passed: report.passed,
    passPercent: report.passPercent,
    earned: report.earned,
    possible: report.possible,
    items: report.items,
    answered: report.answered,
    byDomain: report.byDomain,
    bySection: report.bySection.map((s) => ({ ...s, title: titles.get(s.sectionId) ?? s.sectionId })),
    pretest: report.pretest,
    timeSpentMs: report.timeSpentMs,
    elapsedMs: Math.max(0, row.submittedAt - row.startedAt),
    timePerItem: items.map((item) => ({
      itemId: item.itemId,
      position: item.position,
      timeSpentMs: item.timeSpentMs,
    })),
  };
}

export function attemptResult(deps: Deps, user: SessionUser, attemptId: string): AttemptResultBody {
  const row = settled(deps, ownAttempt(deps, user, attemptId), deps.clock.now());
  return resultOf(deps, row);
}

/** Whether the review policy lets the student see keys and rationales now, and if not, why. */
function reviewRefusal(deps: Deps, row: AttemptRow, now: number): string | null {
  if (row.status !== 'submitted') return 'Review opens once the attempt is submitted.';
  if (row.assignmentId === null) return null;
  const assignment = findAssignmentForAttempt(deps.db, row.assignmentId)?.assignment;
  if (!assignment) return null;
  switch (assignment.reviewPolicy) {
    case 'after-submit':
      return null;
    case 'after-close':
      return now >= assignment.closesAt
        ? null
        : `Review opens when the assignment closes, at ${iso(assignment.closesAt)}.`;
    case 'never':
      return 'Your instructor has not made review available for this assignment.';
  }
}

/** Every item with the student's response, its grade, the key and the rationales, when the policy allows. */
export function attemptReview(deps: Deps, user: SessionUser, attemptId: string): AttemptReviewBody {
  const now = deps.clock.now();
  const row = settled(deps, ownAttempt(deps, user, attemptId), now);
  const refused = reviewRefusal(deps, row, now);
  if (refused !== null) throw new ApiError(403, 'review-not-available', refused);
  const exam = findExamForAttempt(deps.db, row.examId);
  const items = listAttemptItemsWithBodies(deps.db, row.id);
  return {
    attemptId: row.id,
    examName: exam?.name ?? '',
    mode: row.mode,
    scorePercent: row.scorePercent ?? 0,
    passed: row.passed ?? false,
    items: items.map((entry) => {
      const item = itemOf(entry);
      const response = savedResponse(entry);
      return {
        itemId: entry.itemId,
        sectionId: entry.sectionId,
        position: entry.position,
        scored: entry.scored,
        item,
        response: response ?? null,
        grade: gradeResponse(item, fitting(item, response), { codeSet: deps.codeSet }),
        timeSpentMs: entry.timeSpentMs,
        flagged: entry.flagged,
      };
    }),
  };
}
