/**
 * Exam routes (staff of the organisation), the presets (anyone logged in) and the supply check
 * of a stored exam or of a blueprint before it becomes one.
 */
import {
  blueprintSupplyBodySchema,
  createExamBodySchema,
  examListQuerySchema,
  examPageSchema,
  examRemovedSchema,
  examSchema,
  orgExamParamsSchema,
  orgIdParamsSchema,
  presetListSchema,
  supplyReportSchema,
  updateExamBodySchema,
} from '@coderprep/contracts';
import type { Deps } from '../deps';
import { requireRole, STAFF } from '../http/authz';
import { defineRoute } from '../http/route';
import {
  blueprintSupply,
  createExam,
  examSupply,
  getExam,
  listExamsPage,
  listPresets,
  removeExam,
  updateExam,
} from './service';

const EXAMS = '/api/orgs/:orgId/exams';
const EXAM = `${EXAMS}/:examId`;
const tag = 'exams';

export function examRoutes(deps: Deps) {
  const staff = (user: Parameters<typeof requireRole>[1], orgId: string) =>
    requireRole(deps, user, orgId, STAFF);
  return [
    defineRoute({
      method: 'get',
      path: '/api/presets',
      summary:
        'The CPC/CCS/CMC presets: blueprints and the facts each could not confirm (settings to adjust)',
      tag,
      access: 'user',
      response: presetListSchema,
      handler: () => ({ presets: listPresets() }),
    }),
    defineRoute({
      method: 'get',
      path: EXAMS,
      summary: 'The organisation’s exams (staff; archived ones with includeArchived=true)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      query: examListQuerySchema,
      response: examPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return listExamsPage(deps, params.orgId, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: EXAMS,
      summary:
        'Create an exam from a preset (with overrides) or a custom blueprint over the organisation’s banks (staff)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      body: createExamBodySchema,
      response: examSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return createExam(deps, user, params.orgId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: EXAM,
      summary: 'An exam with its blueprint (staff)',
      tag,
      access: 'user',
      params: orgExamParamsSchema,
      response: examSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return getExam(deps, params.orgId, params.examId);
      },
    }),
    defineRoute({
      method: 'patch',
      path: EXAM,
      summary: 'Change an exam (staff; blueprint, mode and banks only until someone has attempted it)',
      tag,
      access: 'user',
      params: orgExamParamsSchema,
      body: updateExamBodySchema,
      response: examSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return updateExam(deps, user, params.orgId, params.examId, body);
      },
    }),
    defineRoute({
      method: 'delete',
      path: EXAM,
      summary: 'Remove an exam (staff): archived when assignments or attempts use it, deleted otherwise',
      tag,
      access: 'user',
      params: orgExamParamsSchema,
      response: examRemovedSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return removeExam(deps, user, params.orgId, params.examId);
      },
    }),
    defineRoute({
      method: 'get',
      path: `${EXAM}/supply`,
      summary: 'Can the exam’s banks fill its blueprint? Needed vs available per rule and per domain (staff)',
      tag,
      access: 'user',
      params: orgExamParamsSchema,
      response: supplyReportSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return examSupply(deps, params.orgId, params.examId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/orgs/:orgId/blueprint-supply',
      summary: 'Can these banks fill this blueprint or preset? Checked before creating an exam (staff)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      body: blueprintSupplyBodySchema,
      response: supplyReportSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return blueprintSupply(deps, params.orgId, body);
      },
    }),
  ];
}
