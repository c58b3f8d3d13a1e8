/**
 * Cohort, roster, join-code and assignment routes (staff of the organisation), self-enrolment by
 * join code (anyone logged in), and the person's own cohorts and assignments.
 */
import {
  addCohortMemberBodySchema,
  assignmentPageSchema,
  assignmentSchema,
  cohortMemberPageSchema,
  cohortMemberParamsSchema,
  cohortMemberSchema,
  cohortMembersQuerySchema,
  cohortPageSchema,
  cohortSchema,
  createAssignmentBodySchema,
  createCohortBodySchema,
  joinCohortBodySchema,
  joinCohortResultSchema,
  myAssignmentPageSchema,
  myCohortPageSchema,
  orgAssignmentParamsSchema,
  orgCohortParamsSchema,
  orgIdParamsSchema,
  paginationQuerySchema,
  updateAssignmentBodySchema,
  updateCohortBodySchema,
  updateCohortMemberBodySchema,
} from '@coderprep/contracts';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { requireRole, STAFF } from '../http/authz';
import { defineRoute } from '../http/route';
import {
  createAssignment,
  getAssignment,
  listAssignmentsPage,
  myAssignmentsPage,
  myCohortsPage,
  removeAssignment,
  updateAssignment,
} from './assignments';
import {
  addCohortMember,
  cohortOrThrow,
  createCohort,
  createJoinService,
  getCohort,
  listCohortsPage,
  listRosterPage,
  removeCohortMember,
  rotateJoinCode,
  updateCohort,
  updateCohortMember,
} from './service';

const COHORTS = '/api/orgs/:orgId/cohorts';
const COHORT = `${COHORTS}/:cohortId`;
const ROSTER = `${COHORT}/members`;
const MEMBER = `${ROSTER}/:userId`;
const ASSIGNMENT = '/api/orgs/:orgId/assignments/:assignmentId';
const tag = 'cohorts';

export function cohortRoutes(deps: Deps) {
  const staff = (user: SessionUser, orgId: string) => requireRole(deps, user, orgId, STAFF);
  const joins = createJoinService(deps);
  return [
    defineRoute({
      method: 'get',
      path: COHORTS,
      summary: 'The organisation’s cohorts with their join codes (staff)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      query: paginationQuerySchema,
      response: cohortPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return listCohortsPage(deps, params.orgId, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: COHORTS,
      summary: 'Create a cohort with a fresh join code (staff)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      body: createCohortBodySchema,
      response: cohortSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return createCohort(deps, user, params.orgId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: COHORT,
      summary: 'A cohort (staff)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      response: cohortSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return getCohort(deps, params.orgId, params.cohortId);
      },
    }),
    defineRoute({
      method: 'patch',
      path: COHORT,
      summary: 'Rename a cohort (staff)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      body: updateCohortBodySchema,
      response: cohortSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return updateCohort(deps, user, params.orgId, params.cohortId, body.name);
      },
    }),
    defineRoute({
      method: 'post',
      path: `${COHORT}/join-code`,
      summary: 'Give the cohort a new join code; the old one stops working (staff)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      response: cohortSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return rotateJoinCode(deps, user, params.orgId, params.cohortId);
      },
    }),
    defineRoute({
      method: 'get',
      path: ROSTER,
      summary: 'The cohort’s roster with roles and accommodations (staff)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      query: cohortMembersQuerySchema,
      response: cohortMemberPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return listRosterPage(deps, cohortOrThrow(deps, params.orgId, params.cohortId).id, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: ROSTER,
      summary:
        'Add an existing account as student or instructor (staff; gives them that role in the organisation if they had none)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      body: addCohortMemberBodySchema,
      response: cohortMemberSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return addCohortMember(deps, user, params.orgId, params.cohortId, body);
      },
    }),
    defineRoute({
      method: 'patch',
      path: MEMBER,
      summary: 'Set a member’s accommodations: time factor (1..4) and extra attempts (0..20) (staff)',
      tag,
      access: 'user',
      params: cohortMemberParamsSchema,
      body: updateCohortMemberBodySchema,
      response: cohortMemberSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return updateCohortMember(deps, user, params.orgId, params.cohortId, params.userId, body);
      },
    }),
    defineRoute({
      method: 'delete',
      path: MEMBER,
      summary: 'Take someone out of the cohort (staff)',
      tag,
      access: 'user',
      params: cohortMemberParamsSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        removeCohortMember(deps, user, params.orgId, params.cohortId, params.userId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/cohorts/join',
      summary: 'Join a cohort with its join code, as a student (anyone logged in; wrong codes are throttled)',
      tag,
      access: 'user',
      body: joinCohortBodySchema,
      response: joinCohortResultSchema,
      handler: ({ user, body }) => joins.join(user, body.code),
    }),
    defineRoute({
      method: 'get',
      path: `${COHORT}/assignments`,
      summary: 'The cohort’s assignments (staff)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      query: paginationQuerySchema,
      response: assignmentPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return listAssignmentsPage(deps, params.orgId, params.cohortId, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: `${COHORT}/assignments`,
      summary: 'Assign an exam to the cohort in a window, with an attempt limit and a review policy (staff)',
      tag,
      access: 'user',
      params: orgCohortParamsSchema,
      body: createAssignmentBodySchema,
      response: assignmentSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return createAssignment(deps, user, params.orgId, params.cohortId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: ASSIGNMENT,
      summary: 'An assignment (staff)',
      tag,
      access: 'user',
      params: orgAssignmentParamsSchema,
      response: assignmentSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return getAssignment(deps, params.orgId, params.assignmentId);
      },
    }),
    defineRoute({
      method: 'patch',
      path: ASSIGNMENT,
      summary:
        'Change an assignment’s window, attempt limit, review policy or (before any attempt) exam (staff)',
      tag,
      access: 'user',
      params: orgAssignmentParamsSchema,
      body: updateAssignmentBodySchema,
      response: assignmentSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return updateAssignment(deps, user, params.orgId, params.assignmentId, body);
      },
    }),
    defineRoute({
      method: 'delete',
      path: ASSIGNMENT,
      summary: 'Delete an assignment nobody has attempted (staff; 409 once an attempt exists)',
      tag,
      access: 'user',
      params: orgAssignmentParamsSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        removeAssignment(deps, user, params.orgId, params.assignmentId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/assignments',
      summary: 'My assignments in every cohort I am a student of: window, my clock, attempts used and left',
      tag,
      access: 'user',
      query: paginationQuerySchema,
      response: myAssignmentPageSchema,
      handler: ({ user, query }) => myAssignmentsPage(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/cohorts',
      summary: 'The cohorts I belong to, with my role and accommodations',
      tag,
      access: 'user',
      query: paginationQuerySchema,
      response: myCohortPageSchema,
      handler: ({ user, query }) => myCohortsPage(deps, user, query),
    }),
  ];
}
