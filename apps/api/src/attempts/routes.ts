/**
 * Taking an exam over HTTP. Every route acts for the logged-in student on their own attempts:
 * anyone else's attempt is 404. Staff read results through the results routes, not these.
 */
import {
  assignmentAttemptParamsSchema,
  attemptItemParamsSchema,
  attemptParamsSchema,
  attemptResultSchema,
  attemptReviewSchema,
  attemptSectionParamsSchema,
  attemptViewSchema,
  drillBodySchema,
  flagBodySchema,
  flagResultSchema,
  myAttemptPageSchema,
  myAttemptsQuerySchema,
  savedResponseSchema,
  saveResponseBodySchema,
  visitBodySchema,
  visitResultSchema,
  weakDomainsQuerySchema,
  weakDomainsSchema,
} from '@coderprep/contracts';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';
import { defineRoute } from '../http/route';
import {
  attemptResult,
  attemptReview,
  enterSection,
  flagItem,
  readAttempt,
  saveResponse,
  startAttempt,
  submitAttempt,
  visitItem,
} from './service';
import { myAttempts, startDrill, weakDomains } from './student';

const tag = 'attempts';

export function attemptRoutes(deps: Deps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/assignments/:assignmentId/attempts',
      summary:
        'Start an attempt at an assignment (a student of its cohort), or resume the open one (200 instead of 201)',
      tag,
      access: 'user',
      params: assignmentAttemptParamsSchema,
      response: attemptViewSchema,
      status: 201,
      handler: ({ params, user, res }) => {
        const { view, created } = startAttempt(deps, user, params.assignmentId);
        if (created) return view;
        // Resuming is not creating: same body, 200.
        const body = deps.config.validateResponses ? checked(attemptViewSchema, view) : view;
        res.status(200).json(body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/attempts/:attemptId',
      summary: 'The attempt as its student sees it: items without key material, saves, flags, server time',
      tag,
      access: 'user',
      params: attemptParamsSchema,
      response: attemptViewSchema,
      handler: ({ params, user }) => readAttempt(deps, user, params.attemptId),
    }),
    defineRoute({
      method: 'put',
      path: '/api/attempts/:attemptId/items/:itemId/response',
      summary: 'Save a response with its per-item sequence number (practice and drill: with feedback)',
      tag,
      access: 'user',
      params: attemptItemParamsSchema,
      body: saveResponseBodySchema,
      response: savedResponseSchema,
      handler: ({ params, body, user }) => saveResponse(deps, user, params.attemptId, params.itemId, body),
    }),
    defineRoute({
      method: 'put',
      path: '/api/attempts/:attemptId/items/:itemId/flag',
      summary: 'Flag or unflag an item for review',
      tag,
      access: 'user',
      params: attemptItemParamsSchema,
      body: flagBodySchema,
      response: flagResultSchema,
      handler: ({ params, body, user }) =>
        flagItem(deps, user, params.attemptId, params.itemId, body.flagged),
    }),
    defineRoute({
      method: 'post',
      path: '/api/attempts/:attemptId/visits',
      summary: 'Record entering or leaving an item (time per item)',
      tag,
      access: 'user',
      params: attemptParamsSchema,
      body: visitBodySchema,
      response: visitResultSchema,
      handler: ({ params, body, user }) => visitItem(deps, user, params.attemptId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/attempts/:attemptId/sections/:sectionId/enter',
      summary: 'Move to a section (earlier one-way sections lock)',
      tag,
      access: 'user',
      params: attemptSectionParamsSchema,
      response: attemptViewSchema,
      handler: ({ params, user }) => enterSection(deps, user, params.attemptId, params.sectionId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/attempts/:attemptId/submit',
      summary: 'Submit the attempt (idempotent) and get its result',
      tag,
      access: 'user',
      params: attemptParamsSchema,
      response: attemptResultSchema,
      handler: ({ params, user }) => submitAttempt(deps, user, params.attemptId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/attempts/:attemptId/result',
      summary: 'The result of a submitted attempt: score, pass/fail, per domain and section, time',
      tag,
      access: 'user',
      params: attemptParamsSchema,
      response: attemptResultSchema,
      handler: ({ params, user }) => attemptResult(deps, user, params.attemptId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/attempts/:attemptId/review',
      summary:
        "Every item with the student's response, grade, key and rationales, as the review policy allows",
      tag,
      access: 'user',
      params: attemptParamsSchema,
      response: attemptReviewSchema,
      handler: ({ params, user }) => attemptReview(deps, user, params.attemptId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/attempts',
      summary: 'My attempts, newest first (for the score-over-time chart)',
      tag,
      access: 'user',
      query: myAttemptsQuerySchema,
      response: myAttemptPageSchema,
      handler: ({ query, user }) => myAttempts(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/weak-domains',
      summary: 'My weakest domains across my submitted attempts',
      tag,
      access: 'user',
      query: weakDomainsQuerySchema,
      response: weakDomainsSchema,
      handler: ({ query, user }) => weakDomains(deps, user, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/drills',
      summary: 'Start a drill: N items from chosen domains or from my missed items, with immediate feedback',
      tag,
      access: 'user',
      body: drillBodySchema,
      response: attemptViewSchema,
      status: 201,
      handler: ({ body, user }) => startDrill(deps, user, body),
    }),
  ];
}

/** A body checked against its contract, as the route layer checks returned bodies. */
function checked<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  body: unknown,
): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new ApiError(500, 'contract-violation', 'The server produced a response outside its contract.');
  return result.data;
}
