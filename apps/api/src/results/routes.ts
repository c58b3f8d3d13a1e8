/**
 * Results for instructors: the per-assignment table and its CSV, one attempt with keys, item
 * analysis, regrades and the audit log. Staff only (admin or instructor of the organisation):
 * a member without that role gets 403, anyone else 404.
 */
import {
  assignmentResultsSchema,
  auditPageSchema,
  auditQuerySchema,
  itemAnalysisSchema,
  regradeBodySchema,
  regradePageSchema,
  regradeParamsSchema,
  regradeResultSchema,
  regradesQuerySchema,
  resultsAssignmentParamsSchema,
  resultsExamParamsSchema,
  resultsOrgParamsSchema,
  resultsQuerySchema,
  resultsSortQuerySchema,
  staffAttemptParamsSchema,
  staffAttemptSchema,
} from '@coderprep/contracts';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { requireRole, STAFF } from '../http/authz';
import { defineRoute } from '../http/route';
import { assignmentItemAnalysis, examItemAnalysis } from './analysis';
import { staffAttempt } from './attempt-view';
import { auditPage } from './audit-log';
import { regradeItem, regradePage } from './regrade';
import { assignmentResults, assignmentResultsCsv } from './table';

const ASSIGNMENT = '/api/orgs/:orgId/assignments/:assignmentId';
const tag = 'results';

export function resultRoutes(deps: Deps) {
  const staff = (user: SessionUser, orgId: string) => requireRole(deps, user, orgId, STAFF);
  return [
    defineRoute({
      method: 'get',
      path: `${ASSIGNMENT}/results`,
      summary:
        "An assignment's results: one line per student (status, attempts, best and latest percent, pass, per-domain percent of the latest attempt, time) and the summary (staff)",
      tag,
      access: 'user',
      params: resultsAssignmentParamsSchema,
      query: resultsQuerySchema,
      response: assignmentResultsSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return assignmentResults(deps, params.orgId, params.assignmentId, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: `${ASSIGNMENT}/results.csv`,
      summary: "An assignment's results as CSV, one column per domain (staff)",
      tag,
      access: 'user',
      params: resultsAssignmentParamsSchema,
      query: resultsSortQuerySchema,
      produces: 'text/csv',
      status: 200,
      handler: ({ user, params, query, res }) => {
        staff(user, params.orgId);
        const { filename, body } = assignmentResultsCsv(deps, params.orgId, params.assignmentId, query);
        res
          .status(200)
          .type('text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="${filename}"`)
          .set('Cache-Control', 'no-store')
          .send(body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: `${ASSIGNMENT}/item-analysis`,
      summary:
        "Item analysis of an assignment's submitted attempts (at least 2, else 409 not-enough-attempts) (staff)",
      tag,
      access: 'user',
      params: resultsAssignmentParamsSchema,
      response: itemAnalysisSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return assignmentItemAnalysis(deps, params.orgId, params.assignmentId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/orgs/:orgId/exams/:examId/item-analysis',
      summary:
        "Item analysis of an exam's submitted attempts, in every assignment and outside them (at least 2, else 409 not-enough-attempts) (staff)",
      tag,
      access: 'user',
      params: resultsExamParamsSchema,
      response: itemAnalysisSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return examItemAnalysis(deps, params.orgId, params.examId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/orgs/:orgId/attempts/:attemptId',
      summary: "A student's attempt with every response, grade, key and rationale (staff)",
      tag,
      access: 'user',
      params: staffAttemptParamsSchema,
      response: staffAttemptSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return staffAttempt(deps, params.orgId, params.attemptId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/orgs/:orgId/items/:itemId/regrade',
      summary:
        'Regrade the submitted attempts holding fromVersion of an item against toVersion (default current); refused when the question itself changed (staff)',
      tag,
      access: 'user',
      params: regradeParamsSchema,
      body: regradeBodySchema,
      response: regradeResultSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return regradeItem(deps, user, params.orgId, params.itemId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/orgs/:orgId/regrades',
      summary: 'The regrade trail (who, when, old and new percent), by item and/or attempt (staff)',
      tag,
      access: 'user',
      params: resultsOrgParamsSchema,
      query: regradesQuerySchema,
      response: regradePageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return regradePage(deps, params.orgId, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/orgs/:orgId/audit',
      summary: "The organisation's audit log, newest first, optionally for one target (staff)",
      tag,
      access: 'user',
      params: resultsOrgParamsSchema,
      query: auditQuerySchema,
      response: auditPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return auditPage(deps, params.orgId, query);
      },
    }),
  ];
}
