/**
 * Assignments (an exam for a cohort in an open/close window, with an attempt limit and a review
 * policy) and the student's own view of them: their clock scaled by their time factor, attempts
 * used and left, and the attempt to resume.
 */
import type {
  AssignmentInfo,
  AssignmentState,
  CreateAssignmentBody,
  MyAssignment,
  UpdateAssignmentBody,
} from '@coderprep/contracts';
import {
  type AssignmentRow,
  type AssignmentWithExam,
  attemptCountsOfAssignments,
  attemptsOfUserAtAssignments,
  countCohortAssignments,
  countCohortsOfUser,
  countStudentAssignments,
  deleteAssignmentRow,
  findOrgAssignment,
  findOrgExam,
  insertAssignmentRow,
  inTransaction,
  listCohortAssignments,
  listCohortsOfUser,
  listStudentAssignments,
  updateAssignmentRow,
} from '@coderprep/db';
import {
  blueprintItemCount,
  blueprintLimitMinutes,
  MINUTE_MS,
  parseBlueprint,
  scaledMs,
} from '@coderprep/exam-engine';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { badRequest, conflict, notFound } from '../http/errors';
import { cohortOrThrow } from './service';

const invalid = (path: string, message: string) =>
  badRequest('invalid-body', 'The request body is not valid.', [{ path, message }]);

function assignmentInfo(found: AssignmentWithExam, attemptCount: number): AssignmentInfo {
  const { assignment } = found;
  return {
    id: assignment.id,
    cohortId: assignment.cohortId,
    examId: assignment.examId,
    examName: found.examName,
    examMode: found.examMode,
    opensAt: assignment.opensAt,
    closesAt: assignment.closesAt,
    attemptLimit: assignment.attemptLimit,
    reviewPolicy: assignment.reviewPolicy,
    createdBy: assignment.createdBy,
    createdAt: assignment.createdAt,
    attemptCount,
  };
}

function assignmentOrThrow(deps: Deps, organisationId: string, assignmentId: string): AssignmentWithExam {
  const found = findOrgAssignment(deps.db, organisationId, assignmentId);
  if (!found) throw notFound('The assignment');
  return found;
}

const attemptCount = (deps: Deps, assignmentId: string) =>
  attemptCountsOfAssignments(deps.db, [assignmentId]).get(assignmentId) ?? 0;

/** An exam of the organisation that may be assigned (not archived), or 400 at `path`. */
function assignableExam(deps: Deps, organisationId: string, examId: string, path: string) {
  const exam = findOrgExam(deps.db, organisationId, examId);
  if (!exam) throw invalid(path, 'no exam of this organisation has this id');
  if (exam.archivedAt !== null) throw invalid(path, 'this exam is archived: assign a current exam');
  return exam;
}

export function listAssignmentsPage(
  deps: Deps,
  organisationId: string,
  cohortId: string,
  page: { limit: number; offset: number },
) {
  const cohort = cohortOrThrow(deps, organisationId, cohortId);
  const rows = listCohortAssignments(deps.db, cohort.id, page);
  const counts = attemptCountsOfAssignments(
    deps.db,
    rows.map((row) => row.assignment.id),
  );
  return {
    items: rows.map((row) => assignmentInfo(row, counts.get(row.assignment.id) ?? 0)),
    total: countCohortAssignments(deps.db, cohort.id),
    limit: page.limit,
    offset: page.offset,
  };
}

export function getAssignment(deps: Deps, organisationId: string, assignmentId: string): AssignmentInfo {
  const found = assignmentOrThrow(deps, organisationId, assignmentId);
  return assignmentInfo(found, attemptCount(deps, assignmentId));
}

export function createAssignment(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  cohortId: string,
  body: CreateAssignmentBody,
): AssignmentInfo {
  return inTransaction(deps.db, () => {
    const cohort = cohortOrThrow(deps, organisationId, cohortId);
    const exam = assignableExam(deps, organisationId, body.examId, 'body.examId');
    const row: AssignmentRow = {
      id: deps.newId(),
      cohortId: cohort.id,
      examId: exam.id,
      opensAt: body.opensAt,
      closesAt: body.closesAt,
      attemptLimit: body.attemptLimit,
      reviewPolicy: body.reviewPolicy,
      createdBy: user.id,
      createdAt: deps.clock.now(),
    };
    insertAssignmentRow(deps.db, row);
    audit(
      deps,
      user,
      organisationId,
      'assignment.create',
      { type: 'assignment', id: row.id },
      {
        cohortId: cohort.id,
        examId: exam.id,
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        attemptLimit: row.attemptLimit,
        reviewPolicy: row.reviewPolicy,
      },
    );
    return assignmentInfo({ assignment: row, examName: exam.name, examMode: exam.mode }, 0);
  });
}

export function updateAssignment(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  assignmentId: string,
  body: UpdateAssignmentBody,
): AssignmentInfo {
  return inTransaction(deps.db, () => {
    const found = assignmentOrThrow(deps, organisationId, assignmentId);
    const before = found.assignment;
    const patch: Parameters<typeof updateAssignmentRow>[2] = {};
    for (const key of ['examId', 'opensAt', 'closesAt', 'attemptLimit', 'reviewPolicy'] as const) {
      const value = body[key];
      if (value !== undefined && value !== before[key]) Object.assign(patch, { [key]: value });
    }
    const after = { ...before, ...patch };
    if (after.closesAt <= after.opensAt)
      throw invalid(
        body.closesAt !== undefined ? 'body.closesAt' : 'body.opensAt',
        'the window must close after it opens',
      );
    const attempts = attemptCount(deps, before.id);
    let exam = { name: found.examName, mode: found.examMode };
    if (patch.examId !== undefined) {
      if (attempts > 0)
        throw conflict(
          'assignment-has-attempts',
          'Students have already attempted this assignment, so its exam cannot change: create a new assignment instead.',
          { attempts },
        );
      exam = assignableExam(deps, organisationId, patch.examId, 'body.examId');
    }
    if (Object.keys(patch).length > 0) {
      updateAssignmentRow(deps.db, before.id, patch);
      const from = Object.fromEntries(
        Object.keys(patch).map((key) => [key, before[key as keyof typeof patch]]),
      );
      audit(
        deps,
        user,
        organisationId,
        'assignment.update',
        { type: 'assignment', id: before.id },
        {
          from,
          to: patch,
        },
      );
    }
    return assignmentInfo({ assignment: after, examName: exam.name, examMode: exam.mode }, attempts);
  });
}

/** Deletes an assignment nobody has attempted yet. */
export function removeAssignment(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  assignmentId: string,
): void {
  inTransaction(deps.db, () => {
    const found = assignmentOrThrow(deps, organisationId, assignmentId);
    const attempts = attemptCount(deps, assignmentId);
    if (attempts > 0)
      throw conflict(
        'assignment-has-attempts',
        `Students have made ${attempts} attempt(s) at this assignment: it cannot be deleted (close it by moving closesAt instead).`,
        { attempts },
      );
    deleteAssignmentRow(deps.db, assignmentId);
    audit(
      deps,
      user,
      organisationId,
      'assignment.delete',
      { type: 'assignment', id: assignmentId },
      {
        cohortId: found.assignment.cohortId,
        examId: found.assignment.examId,
      },
    );
  });
}

// ---------------------------------------------------------------- the student's view

/** Upcoming before it opens, open until it closes, closed from then on. */
export function assignmentState(
  assignment: Pick<AssignmentRow, 'opensAt' | 'closesAt'>,
  now: number,
): AssignmentState {
  if (now < assignment.opensAt) return 'upcoming';
  return now < assignment.closesAt ? 'open' : 'closed';
}

/** The assignments of every cohort the person is a student of. */
export function myAssignmentsPage(deps: Deps, user: SessionUser, page: { limit: number; offset: number }) {
  const now = deps.clock.now();
  const rows = listStudentAssignments(deps.db, user.id, page);
  const attempts = attemptsOfUserAtAssignments(
    deps.db,
    user.id,
    rows.map((row) => row.assignment.id),
  );
  const items = rows.map((row): MyAssignment => {
    const { assignment } = row;
    const mine = attempts.filter((a) => a.assignmentId === assignment.id);
    // An attempt past its deadline and grace is over, whether or not it has been finalised yet.
    const open = mine.find(
      (a) => a.status === 'in-progress' && (a.deadlineAt === null || now < a.deadlineAt + a.graceMs),
    );
    const parsed = parseBlueprint(JSON.parse(row.blueprint));
    const base = parsed.ok ? blueprintLimitMinutes(parsed.blueprint) : null;
    const allowed = assignment.attemptLimit + row.extraAttempts;
    return {
      assignmentId: assignment.id,
      cohortId: assignment.cohortId,
      cohortName: row.cohortName,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      examId: assignment.examId,
      examName: row.examName,
      mode: row.examMode,
      itemCount: parsed.ok ? blueprintItemCount(parsed.blueprint) : 0,
      timeLimitMinutes: base === null ? null : scaledMs(base, row.timeFactor) / MINUTE_MS,
      baseTimeLimitMinutes: base,
      timeFactor: row.timeFactor,
      opensAt: assignment.opensAt,
      closesAt: assignment.closesAt,
      state: assignmentState(assignment, now),
      reviewPolicy: assignment.reviewPolicy,
      attemptLimit: assignment.attemptLimit,
      extraAttempts: row.extraAttempts,
      attemptsUsed: mine.length,
      attemptsLeft: Math.max(0, allowed - mine.length),
      openAttemptId: open?.id ?? null,
    };
  });
  return { items, total: countStudentAssignments(deps.db, user.id), limit: page.limit, offset: page.offset };
}

/** The cohorts the person belongs to, with their role and accommodations there. */
export function myCohortsPage(deps: Deps, user: SessionUser, page: { limit: number; offset: number }) {
  return {
    items: listCohortsOfUser(deps.db, user.id, page),
    total: countCohortsOfUser(deps.db, user.id),
    limit: page.limit,
    offset: page.offset,
  };
}
