/**
 * Organisations (training programs) and their members. Whoever creates an organisation becomes
 * its admin; admins manage members and roles; an organisation always keeps at least one admin.
 */
import type {
  AddOrgMemberBody,
  CreateOrgBody,
  OrganisationInfo,
  OrgMember,
  OrgMembersQuery,
} from '@coderprep/contracts';
import {
  countOrgMembers,
  deleteMembership,
  findOrganisation,
  findOrgMember,
  findUserByEmail,
  insertMembership,
  insertOrganisation,
  inTransaction,
  listOrgMembers,
  type Role,
  setMembershipRole,
  upsertMembership,
} from '@coderprep/db';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { ApiError, conflict, notFound } from '../http/errors';

/** 404 'no-such-account': members are existing accounts, added by email. */
export const noSuchAccount = (email: string) =>
  new ApiError(
    404,
    'no-such-account',
    `No account uses ${email}. Ask them to sign up first (with this email), then add them.`,
  );

const lastAdmin = () =>
  conflict(
    'last-admin',
    'This is the last admin of the organisation: make someone else an admin first, so it keeps one.',
  );

function organisationInfo(deps: Deps, organisationId: string, role: Role): OrganisationInfo {
  const org = findOrganisation(deps.db, organisationId);
  if (!org) throw notFound('The organisation');
  return {
    id: org.id,
    name: org.name,
    createdAt: org.createdAt,
    role,
    memberCount: countOrgMembers(deps.db, organisationId),
  };
}

/** Creates an organisation with its creator as admin. */
export function createOrganisation(deps: Deps, user: SessionUser, body: CreateOrgBody): OrganisationInfo {
  const id = deps.newId();
  const now = deps.clock.now();
  inTransaction(deps.db, () => {
    insertOrganisation(deps.db, { id, name: body.name, createdAt: now });
    upsertMembership(deps.db, id, user.id, 'admin', now);
    audit(deps, user, id, 'org.create', { type: 'organisation', id }, { name: body.name });
  });
  return organisationInfo(deps, id, 'admin');
}

export function getOrganisation(deps: Deps, organisationId: string, role: Role): OrganisationInfo {
  return organisationInfo(deps, organisationId, role);
}

export function listMembersPage(deps: Deps, organisationId: string, query: OrgMembersQuery) {
  return {
    items: listOrgMembers(deps.db, organisationId, query),
    total: countOrgMembers(deps.db, organisationId, query.role),
    limit: query.limit,
    offset: query.offset,
  };
}

/** Adds an existing account with a role; 409 when they are already a member. */
export function addMember(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  body: AddOrgMemberBody,
): OrgMember {
  const account = findUserByEmail(deps.db, body.email);
  if (!account) throw noSuchAccount(body.email);
  return inTransaction(deps.db, () => {
    const existing = findOrgMember(deps.db, organisationId, account.id);
    if (existing)
      throw conflict(
        'already-member',
        `${account.email} is already a member (${existing.role}). Change their role instead.`,
        { userId: account.id, role: existing.role },
      );
    const now = deps.clock.now();
    insertMembership(deps.db, { organisationId, userId: account.id, role: body.role, createdAt: now });
    audit(
      deps,
      user,
      organisationId,
      'org.member.add',
      { type: 'user', id: account.id },
      {
        email: account.email,
        role: body.role,
      },
    );
    return findOrgMember(deps.db, organisationId, account.id) as OrgMember;
  });
}

/** Changes a member's role; the last admin cannot be demoted. */
export function changeMemberRole(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  userId: string,
  role: Role,
): OrgMember {
  return inTransaction(deps.db, () => {
    const member = findOrgMember(deps.db, organisationId, userId);
    if (!member) throw notFound('The member');
    if (member.role === role) return member;
    if (member.role === 'admin' && countOrgMembers(deps.db, organisationId, 'admin') <= 1) throw lastAdmin();
    setMembershipRole(deps.db, organisationId, userId, role);
    audit(
      deps,
      user,
      organisationId,
      'org.member.update',
      { type: 'user', id: userId },
      {
        email: member.email,
        from: member.role,
        to: role,
      },
    );
    return { ...member, role };
  });
}

/** Removes a member (and takes them out of the organisation's cohorts); never the last admin. */
export function removeMember(deps: Deps, user: SessionUser, organisationId: string, userId: string): void {
  inTransaction(deps.db, () => {
    const member = findOrgMember(deps.db, organisationId, userId);
    if (!member) throw notFound('The member');
    if (member.role === 'admin' && countOrgMembers(deps.db, organisationId, 'admin') <= 1) throw lastAdmin();
    deleteMembership(deps.db, organisationId, userId);
    audit(
      deps,
      user,
      organisationId,
      'org.member.remove',
      { type: 'user', id: userId },
      {
        email: member.email,
        role: member.role,
      },
    );
  });
}
