/**
 * One student's attempt as staff see it: every item at the version the attempt holds, with the
 * response, the engine's grade, the key and the rationales. Staff may always see keys; the
 * review policy only governs what students see.
 */
import type { StaffAttempt } from '@coderprep/contracts';
import { findAttemptForStaff, listAttemptItemsForStaff } from '@coderprep/db';
import { gradeResponse } from '@coderprep/exam-engine';
import type { Deps } from '../deps';
import { notFound } from '../http/errors';
import { domainPercents, fitting, itemBody, reportOf, savedResponseOf } from './reports';

export function staffAttempt(deps: Deps, orgId: string, attemptId: string): StaffAttempt {
  const record = findAttemptForStaff(deps.db, orgId, attemptId);
  if (!record) throw notFound('The attempt');
  const { attempt, student, exam } = record;
  const submitted = attempt.status === 'submitted';
  const report = reportOf(attempt.result);
  return {
    id: attempt.id,
    student,
    examId: exam.id,
    examName: exam.name,
    assignmentId: attempt.assignmentId,
    mode: attempt.mode,
    status: attempt.status,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    submitReason: attempt.submitReason,
    deadlineAt: attempt.deadlineAt,
    scorePercent: attempt.scorePercent,
    passed: attempt.passed,
    passPercent: report?.passPercent ?? null,
    byDomain: domainPercents(report),
    timeUsedMs: report ? Math.round(report.timeSpentMs) : null,
    items: listAttemptItemsForStaff(deps.db, attempt.id).map((row) => {
      // The authored item (its own id) at the version held; the row id names it in the API.
      const item = { ...itemBody(row.body), version: row.itemVersion };
      const response = savedResponseOf(row.response);
      return {
        itemId: row.itemId,
        externalId: row.externalId,
        version: row.itemVersion,
        position: row.position,
        sectionId: row.sectionId,
        domain: row.domain,
        scored: row.scored,
        points: row.points,
        item,
        response: response ?? null,
        score: row.score,
        grade: submitted ? gradeResponse(item, fitting(item, response), { codeSet: deps.codeSet }) : null,
        timeSpentMs: row.timeSpentMs,
        flagged: row.flagged,
      };
    }),
  };
}
