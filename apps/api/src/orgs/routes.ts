/**
 * Organisation routes: any logged-in person may create one (and becomes its admin); members may
 * read it; staff may list its members; only admins change them.
 */
import {
  addOrgMemberBodySchema,
  createOrgBodySchema,
  organisationSchema,
  orgIdParamsSchema,
  orgMemberPageSchema,
  orgMemberParamsSchema,
  orgMemberSchema,
  orgMembersQuerySchema,
  updateOrgMemberBodySchema,
} from '@coderprep/contracts';
import type { Deps } from '../deps';
import { ADMIN, ANY_MEMBER, requireRole, STAFF } from '../http/authz';
import { defineRoute } from '../http/route';
import {
  addMember,
  changeMemberRole,
  createOrganisation,
  getOrganisation,
  listMembersPage,
  removeMember,
} from './service';

const ORG = '/api/orgs/:orgId';
const MEMBERS = `${ORG}/members`;
const MEMBER = `${MEMBERS}/:userId`;
const tag = 'organisations';

export function orgRoutes(deps: Deps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/orgs',
      summary: 'Create a training program (the creator becomes its admin)',
      tag,
      access: 'user',
      body: createOrgBodySchema,
      response: organisationSchema,
      status: 201,
      handler: ({ user, body }) => createOrganisation(deps, user, body),
    }),
    defineRoute({
      method: 'get',
      path: ORG,
      summary: 'An organisation and the caller’s role in it (members)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      response: organisationSchema,
      handler: ({ user, params }) =>
        getOrganisation(deps, params.orgId, requireRole(deps, user, params.orgId, ANY_MEMBER)),
    }),
    defineRoute({
      method: 'get',
      path: MEMBERS,
      summary: 'The organisation’s members with their roles (staff)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      query: orgMembersQuerySchema,
      response: orgMemberPageSchema,
      handler: ({ user, params, query }) => {
        requireRole(deps, user, params.orgId, STAFF);
        return listMembersPage(deps, params.orgId, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: MEMBERS,
      summary: 'Add an existing account with a role (admin)',
      tag,
      access: 'user',
      params: orgIdParamsSchema,
      body: addOrgMemberBodySchema,
      response: orgMemberSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        requireRole(deps, user, params.orgId, ADMIN);
        return addMember(deps, user, params.orgId, body);
      },
    }),
    defineRoute({
      method: 'patch',
      path: MEMBER,
      summary: 'Change a member’s role (admin; the last admin stays admin)',
      tag,
      access: 'user',
      params: orgMemberParamsSchema,
      body: updateOrgMemberBodySchema,
      response: orgMemberSchema,
      handler: ({ user, params, body }) => {
        requireRole(deps, user, params.orgId, ADMIN);
        return changeMemberRole(deps, user, params.orgId, params.userId, body.role);
      },
    }),
    defineRoute({
      method: 'delete',
      path: MEMBER,
      summary: 'Remove a member from the organisation and its cohorts (admin; not the last admin)',
      tag,
      access: 'user',
      params: orgMemberParamsSchema,
      handler: ({ user, params }) => {
        requireRole(deps, user, params.orgId, ADMIN);
        removeMember(deps, user, params.orgId, params.userId);
        return undefined;
      },
    }),
  ];
}
