/**
 * Data access for an organisation's members: the roster with roles, the admin count the
 * last-admin rule reads, and removal (which also takes the person out of the organisation's
 * cohorts). Callers run the check-then-write steps inside one `inTransaction`.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { cohortMembers, cohorts, memberships, type Role, users } from './schema/index';

/** A member of an organisation with their account's email and name. */
export interface OrgMemberRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: number;
}

const memberColumns = {
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

const inOrg = (organisationId: string, role?: Role) =>
  role === undefined
    ? eq(memberships.organisationId, organisationId)
    : and(eq(memberships.organisationId, organisationId), eq(memberships.role, role));

/** A page of an organisation's members, by name then email; optionally of one role. */
export function listOrgMembers(
  db: Db,
  organisationId: string,
  page: { limit: number; offset: number; role?: Role | undefined },
): OrgMemberRow[] {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inOrg(organisationId, page.role))
    .orderBy(asc(users.name), asc(users.email))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

/** How many members an organisation has (of one role, if given). */
export function countOrgMembers(db: Db, organisationId: string, role?: Role): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(inOrg(organisationId, role))
    .get();
  return row?.n ?? 0;
}

export function findOrgMember(db: Db, organisationId: string, userId: string): OrgMemberRow | undefined {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .get();
}

/** Adds a member; returns false (and changes nothing) when the person is already a member. */
export function insertMembership(
  db: Db,
  row: { organisationId: string; userId: string; role: Role; createdAt: number },
): boolean {
  return db.insert(memberships).values(row).onConflictDoNothing().run().changes > 0;
}

export function setMembershipRole(db: Db, organisationId: string, userId: string, role: Role): void {
  db.update(memberships)
    .set({ role })
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .run();
}

/**
 * Removes a person from an organisation and from every cohort of it, so that nothing of it is
 * assigned to them any more. Their past attempts stay. Run it inside a transaction.
 */
export function deleteMembership(db: Db, organisationId: string, userId: string): void {
  const orgCohorts = db
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(eq(cohorts.organisationId, organisationId));
  db.delete(cohortMembers)
    .where(and(eq(cohortMembers.userId, userId), inArray(cohortMembers.cohortId, orgCohorts)))
    .run();
  db.delete(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .run();
}
