/**
 * Cohorts, their rosters and accommodations, and self-enrolment by join code. Staff of the
 * organisation manage cohorts; anyone logged in may join one with its code (wrong guesses are
 * throttled per person).
 */
import type {
  AddCohortMemberBody,
  CohortInfo,
  CohortMember,
  CohortMembersQuery,
  CreateCohortBody,
  JoinCohortResult,
  UpdateCohortMemberBody,
} from '@coderprep/contracts';
import {
  type CohortRow,
  cohortRoleCounts,
  countCohortMembers,
  countOrgCohorts,
  deleteCohortMember,
  findCohortByJoinCode,
  findCohortMember,
  findMembership,
  findOrgCohort,
  findUserByEmail,
  insertCohortMember,
  insertCohortRow,
  insertMembership,
  inTransaction,
  listCohortMembers,
  listOrgCohorts,
  renameCohort,
  setCohortJoinCode,
  updateCohortMemberRow,
} from '@coderprep/db';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import { createThrottle, type ThrottleRule } from '../auth/throttle';
import type { Deps } from '../deps';
import { ApiError, conflict, notFound } from '../http/errors';
import { noSuchAccount } from '../orgs/service';
import { withFreshJoinCode } from './join-code';

/** Wrong join codes per person: 10 in 15 minutes. */
export const JOIN_GUESS_RULE: ThrottleRule = { limit: 10, windowMs: 15 * 60_000 };

// ---------------------------------------------------------------- cohorts

function cohortInfos(deps: Deps, rows: readonly CohortRow[]): CohortInfo[] {
  const counts = cohortRoleCounts(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    joinCode: row.joinCode,
    createdAt: row.createdAt,
    studentCount: counts.get(row.id)?.student ?? 0,
    instructorCount: counts.get(row.id)?.instructor ?? 0,
  }));
}

const cohortInfo = (deps: Deps, row: CohortRow) => cohortInfos(deps, [row])[0] as CohortInfo;

/** The organisation's cohort, or 404. */
export function cohortOrThrow(deps: Deps, organisationId: string, cohortId: string): CohortRow {
  const row = findOrgCohort(deps.db, organisationId, cohortId);
  if (!row) throw notFound('The cohort');
  return row;
}

export function listCohortsPage(deps: Deps, organisationId: string, page: { limit: number; offset: number }) {
  return {
    items: cohortInfos(deps, listOrgCohorts(deps.db, organisationId, page)),
    total: countOrgCohorts(deps.db, organisationId),
    limit: page.limit,
    offset: page.offset,
  };
}

export function getCohort(deps: Deps, organisationId: string, cohortId: string): CohortInfo {
  return cohortInfo(deps, cohortOrThrow(deps, organisationId, cohortId));
}

/** Creates a cohort with a fresh join code. */
export function createCohort(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  body: CreateCohortBody,
): CohortInfo {
  return inTransaction(deps.db, () => {
    const id = deps.newId();
    const createdAt = deps.clock.now();
    const joinCode = withFreshJoinCode((code) =>
      insertCohortRow(deps.db, { id, organisationId, name: body.name, joinCode: code, createdAt }),
    );
    audit(deps, user, organisationId, 'cohort.create', { type: 'cohort', id }, { name: body.name });
    return cohortInfo(deps, { id, organisationId, name: body.name, joinCode, createdAt });
  });
}

export function updateCohort(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  cohortId: string,
  name: string,
): CohortInfo {
  return inTransaction(deps.db, () => {
    const row = cohortOrThrow(deps, organisationId, cohortId);
    if (row.name !== name) {
      renameCohort(deps.db, row.id, name);
      audit(
        deps,
        user,
        organisationId,
        'cohort.update',
        { type: 'cohort', id: row.id },
        {
          name: { from: row.name, to: name },
        },
      );
    }
    return cohortInfo(deps, { ...row, name });
  });
}

/** A new join code for the cohort; the old one stops working at once. */
export function rotateJoinCode(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  cohortId: string,
): CohortInfo {
  return inTransaction(deps.db, () => {
    const row = cohortOrThrow(deps, organisationId, cohortId);
    const joinCode = withFreshJoinCode((code) => setCohortJoinCode(deps.db, row.id, code));
    // Codes stay out of the trail: the record says that it changed, not what it was.
    audit(deps, user, organisationId, 'cohort.join-code.rotate', { type: 'cohort', id: row.id });
    return cohortInfo(deps, { ...row, joinCode });
  });
}

// ---------------------------------------------------------------- roster

export function listRosterPage(deps: Deps, cohortId: string, query: CohortMembersQuery) {
  return {
    items: listCohortMembers(deps.db, cohortId, query),
    total: countCohortMembers(deps.db, cohortId, query.role),
    limit: query.limit,
    offset: query.offset,
  };
}

/**
 * Adds an existing account to the cohort. Someone with no role in the organisation gets the same
 * role there; a student of the organisation cannot be made a cohort instructor (an admin makes
 * them an instructor of the organisation first).
 */
export function addCohortMember(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  cohortId: string,
  body: AddCohortMemberBody,
): CohortMember {
  const account = findUserByEmail(deps.db, body.email);
  if (!account) throw noSuchAccount(body.email);
  return inTransaction(deps.db, () => {
    const cohort = cohortOrThrow(deps, organisationId, cohortId);
    const existing = findCohortMember(deps.db, cohort.id, account.id);
    if (existing)
      throw conflict('already-in-cohort', `${account.email} is already in this cohort (${existing.role}).`, {
        userId: account.id,
        role: existing.role,
      });
    const orgRole = findMembership(deps.db, organisationId, account.id)?.role;
    if (body.role === 'instructor' && orgRole === 'student')
      throw conflict(
        'not-staff',
        `${account.email} is a student of this organisation: an admin must make them an instructor before they can teach a cohort.`,
      );
    const now = deps.clock.now();
    const joinedOrg =
      orgRole === undefined &&
      insertMembership(deps.db, { organisationId, userId: account.id, role: body.role, createdAt: now });
    insertCohortMember(deps.db, { cohortId: cohort.id, userId: account.id, role: body.role, joinedAt: now });
    audit(
      deps,
      user,
      organisationId,
      'cohort.member.add',
      { type: 'cohort', id: cohort.id },
      {
        userId: account.id,
        email: account.email,
        role: body.role,
        ...(joinedOrg && { organisationRole: body.role }),
      },
    );
    return findCohortMember(deps.db, cohort.id, account.id) as CohortMember;
  });
}

/** Sets a member's accommodations (time factor, extra attempts). */
export function updateCohortMember(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  cohortId: string,
  userId: string,
  body: UpdateCohortMemberBody,
): CohortMember {
  return inTransaction(deps.db, () => {
    const cohort = cohortOrThrow(deps, organisationId, cohortId);
    const member = findCohortMember(deps.db, cohort.id, userId);
    if (!member) throw notFound('The cohort member');
    const patch: { timeFactor?: number; extraAttempts?: number } = {};
    if (body.timeFactor !== undefined) patch.timeFactor = body.timeFactor;
    if (body.extraAttempts !== undefined) patch.extraAttempts = body.extraAttempts;
    updateCohortMemberRow(deps.db, cohort.id, userId, patch);
    audit(
      deps,
      user,
      organisationId,
      'cohort.member.update',
      { type: 'cohort', id: cohort.id },
      {
        userId,
        email: member.email,
        from: { timeFactor: member.timeFactor, extraAttempts: member.extraAttempts },
        to: {
          timeFactor: patch.timeFactor ?? member.timeFactor,
          extraAttempts: patch.extraAttempts ?? member.extraAttempts,
        },
      },
    );
    return { ...member, ...patch };
  });
}

/** Takes someone out of the cohort (not out of the organisation). */
export function removeCohortMember(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  cohortId: string,
  userId: string,
): void {
  inTransaction(deps.db, () => {
    const cohort = cohortOrThrow(deps, organisationId, cohortId);
    const member = findCohortMember(deps.db, cohort.id, userId);
    if (!member) throw notFound('The cohort member');
    deleteCohortMember(deps.db, cohort.id, userId);
    audit(
      deps,
      user,
      organisationId,
      'cohort.member.remove',
      { type: 'cohort', id: cohort.id },
      {
        userId,
        email: member.email,
        role: member.role,
      },
    );
  });
}

// ---------------------------------------------------------------- self-enrolment

export interface JoinService {
  /** Joins the cohort with this (upper-cased) code as a student; idempotent. */
  join(user: SessionUser, code: string): JoinCohortResult;
}

export function createJoinService(deps: Deps): JoinService {
  const guesses = createThrottle(JOIN_GUESS_RULE, deps.clock);
  return {
    join(user, code) {
      const wait = guesses.retryAfter(user.id);
      if (wait > 0)
        throw new ApiError(
          429,
          'too-many-attempts',
          `Too many wrong join codes. Try again in ${Math.ceil(wait / 60_000)} minute(s), or ask your instructor for the code.`,
          undefined,
          { 'Retry-After': String(Math.ceil(wait / 1000)) },
        );
      const found = findCohortByJoinCode(deps.db, code);
      if (!found) {
        guesses.fail(user.id);
        throw new ApiError(
          404,
          'invalid-join-code',
          'No cohort has this join code. Check it with your instructor (codes have no 0/O or 1/I).',
        );
      }
      const { cohort, organisationName } = found;
      return inTransaction(deps.db, () => {
        const now = deps.clock.now();
        if (!findMembership(deps.db, cohort.organisationId, user.id))
          insertMembership(deps.db, {
            organisationId: cohort.organisationId,
            userId: user.id,
            role: 'student',
            createdAt: now,
          });
        const joined = insertCohortMember(deps.db, {
          cohortId: cohort.id,
          userId: user.id,
          role: 'student',
          joinedAt: now,
        });
        if (joined)
          audit(
            deps,
            user,
            cohort.organisationId,
            'cohort.member.join',
            { type: 'cohort', id: cohort.id },
            {
              userId: user.id,
              email: user.email,
            },
          );
        const role = findCohortMember(deps.db, cohort.id, user.id)?.role ?? 'student';
        return {
          cohortId: cohort.id,
          cohortName: cohort.name,
          organisationId: cohort.organisationId,
          organisationName,
          role,
          joined,
        };
      });
    },
  };
}
