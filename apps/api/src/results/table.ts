/**
 * The results table of an assignment: one line per student (every student of the cohort, plus
 * anyone who made an attempt and has since left it), the assignment summary, and its CSV export.
 */
import type { AssignmentResults, ResultsQuery, StudentResult } from '@coderprep/contracts';
import {
  findAssignmentForResults,
  listAttemptsForResults,
  listCohortStudentsForResults,
  type ResultAttempt,
  type ResultsAssignmentScope,
} from '@coderprep/db';
import type { Deps } from '../deps';
import { notFound } from '../http/errors';
import { csvDocument, safeFilename } from './csv';
import { domainPercents, passPercentOfExam, reportOf } from './reports';

type Sort = Pick<ResultsQuery, 'sort' | 'order'>;

/** The assignment if it belongs to the organisation, else 404. */
export function assignmentInOrg(deps: Deps, orgId: string, assignmentId: string): ResultsAssignmentScope {
  const scope = findAssignmentForResults(deps.db, orgId, assignmentId);
  if (!scope) throw notFound('The assignment');
  return scope;
}

const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

/** A student's line from their attempts (oldest first). */
function studentLine(
  person: { userId: string; name: string; email: string; inCohort: boolean; extraAttempts: number },
  attemptLimit: number,
  own: readonly ResultAttempt[],
): StudentResult {
  const submitted = own
    .filter((a) => a.status === 'submitted' && a.submittedAt !== null)
    .sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0) || a.id.localeCompare(b.id));
  const latest = submitted.at(-1);
  const report = latest ? reportOf(latest.result) : null;
  const percents = submitted.flatMap((a) => (a.scorePercent === null ? [] : [a.scorePercent]));
  return {
    userId: person.userId,
    name: person.name,
    email: person.email,
    inCohort: person.inCohort,
    status: own.some((a) => a.status === 'in-progress')
      ? 'in-progress'
      : submitted.length > 0
        ? 'submitted'
        : 'not-started',
    attemptsUsed: own.length,
    attemptsAllowed: attemptLimit + person.extraAttempts,
    bestPercent: percents.length > 0 ? Math.max(...percents) : null,
    latestPercent: latest?.scorePercent ?? null,
    passed: submitted.length === 0 ? null : submitted.some((a) => a.passed === true),
    byDomain: domainPercents(report),
    timeUsedMs: report ? Math.round(report.timeSpentMs) : null,
    submittedAt: latest?.submittedAt ?? null,
    latestAttemptId: latest?.id ?? null,
  };
}

/** Orders lines; lines without the sort value (no score, no submission) come last either way. */
export function sortLines(lines: StudentResult[], { sort, order }: Sort): StudentResult[] {
  const byName = (a: StudentResult, b: StudentResult) =>
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
    a.email.localeCompare(b.email) ||
    a.userId.localeCompare(b.userId);
  const value = (line: StudentResult) => (sort === 'score' ? line.bestPercent : line.submittedAt);
  const sign = order === 'asc' ? 1 : -1;
  return lines.sort((a, b) => {
    if (sort === 'name') return sign * byName(a, b);
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : round2(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

/** Every line of the table (unsorted), the domains of the per-domain columns, and the pass mark. */
function tableOf(deps: Deps, scope: ResultsAssignmentScope) {
  const attempts = listAttemptsForResults(deps.db, scope.assignment.id);
  const byUser = new Map<string, ResultAttempt[]>();
  for (const attempt of attempts) {
    const list = byUser.get(attempt.userId) ?? [];
    list.push(attempt);
    byUser.set(attempt.userId, list);
  }
  const people = new Map(
    listCohortStudentsForResults(deps.db, scope.cohort.id).map((s) => [s.userId, { ...s, inCohort: true }]),
  );
  for (const attempt of attempts) {
    if (!people.has(attempt.userId))
      people.set(attempt.userId, {
        userId: attempt.userId,
        name: attempt.name,
        email: attempt.email,
        extraAttempts: 0,
        inCohort: false,
      });
  }
  const lines = [...people.values()].map((person) =>
    studentLine(person, scope.assignment.attemptLimit, byUser.get(person.userId) ?? []),
  );
  const domains = [...new Set(lines.flatMap((line) => line.byDomain.map((d) => d.domain)))].sort();
  return { lines, domains, passPercent: passPercentOfExam(scope.exam) };
}

function summaryOf(lines: readonly StudentResult[]): AssignmentResults['summary'] {
  const scored = lines.flatMap((line) => (line.bestPercent === null ? [] : [line.bestPercent]));
  const withSubmission = lines.filter((line) => line.passed !== null);
  return {
    students: lines.length,
    notStarted: lines.filter((line) => line.status === 'not-started').length,
    inProgress: lines.filter((line) => line.status === 'in-progress').length,
    submitted: lines.filter((line) => line.status === 'submitted').length,
    mean: scored.length === 0 ? null : round2(scored.reduce((sum, v) => sum + v, 0) / scored.length),
    median: median(scored),
    passRate:
      withSubmission.length === 0
        ? null
        : round2((100 * withSubmission.filter((line) => line.passed).length) / withSubmission.length),
  };
}

/** The results table of an assignment, sorted and paginated, with the summary over every student. */
export function assignmentResults(
  deps: Deps,
  orgId: string,
  assignmentId: string,
  query: ResultsQuery,
): AssignmentResults {
  const scope = assignmentInOrg(deps, orgId, assignmentId);
  const { lines, domains, passPercent } = tableOf(deps, scope);
  const sorted = sortLines(lines, query);
  return {
    assignment: {
      id: scope.assignment.id,
      examId: scope.exam.id,
      examName: scope.exam.name,
      cohortId: scope.cohort.id,
      cohortName: scope.cohort.name,
      opensAt: scope.assignment.opensAt,
      closesAt: scope.assignment.closesAt,
      attemptLimit: scope.assignment.attemptLimit,
      passPercent,
    },
    domains,
    summary: summaryOf(lines),
    students: {
      items: sorted.slice(query.offset, query.offset + query.limit),
      total: sorted.length,
      limit: query.limit,
      offset: query.offset,
    },
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);

/** The results table as CSV: every student, one column per domain; and its file name. */
export function assignmentResultsCsv(
  deps: Deps,
  orgId: string,
  assignmentId: string,
  sort: Sort,
): { filename: string; body: string } {
  const scope = assignmentInOrg(deps, orgId, assignmentId);
  const { lines, domains } = tableOf(deps, scope);
  const header = [
    'Name',
    'Email',
    'Status',
    'Attempts used',
    'Attempts allowed',
    'Best %',
    'Latest %',
    'Passed',
    'Submitted at (UTC)',
    'Time used (min)',
    ...domains.map((domain) => `${domain} %`),
  ];
  const rows = sortLines(lines, sort).map((line) => {
    const percents = new Map(line.byDomain.map((d) => [d.domain, d.percent]));
    return [
      line.name,
      line.email,
      line.status,
      line.attemptsUsed,
      line.attemptsAllowed,
      line.bestPercent,
      line.latestPercent,
      line.passed === null ? null : line.passed ? 'yes' : 'no',
      iso(line.submittedAt),
      minutes(line.timeUsedMs),
      ...domains.map((domain) => percents.get(domain) ?? null),
    ];
  });
  const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
  return {
    filename: safeFilename(`results-${scope.exam.name}-${scope.cohort.name}-${day}`, 'csv'),
    body: csvDocument(header, rows),
  };
}
