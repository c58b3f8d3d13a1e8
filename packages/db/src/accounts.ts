/** Data access for people, sessions, organisations and memberships. */
import { and, eq, lt, sql } from 'drizzle-orm';
import { type Db, preparedStatements } from './client';
import { memberships, organisations, type Role, sessions, users } from './schema/index';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export function insertUser(db: Db, row: typeof users.$inferInsert): void {
  db.insert(users).values(row).run();
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function findUserById(db: Db, id: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function insertSession(db: Db, row: SessionRow): void {
  db.insert(sessions).values(row).run();
}

/** The session and its user, if the session exists and has not expired at `now`. */
export function findLiveSession(
  db: Db,
  id: string,
  now: number,
): { session: SessionRow; user: UserRow } | undefined {
  const row = sessionStatements(db).findSession.get({ id });
  if (!row || row.session.expiresAt <= now) return undefined;
  return row;
}

/**
 * Every request looks its session up: prepared once per database (building and preparing the
 * query each time cost more than everything else a save does; see apps/api/OPERATIONS.md).
 */
const sessionStatements = preparedStatements((db: Db) => ({
  findSession: db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
}));

export function deleteSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

/** Drops expired sessions; returns how many. */
export function deleteExpiredSessions(db: Db, now: number): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
}

export function insertOrganisation(db: Db, row: typeof organisations.$inferInsert): void {
  db.insert(organisations).values(row).run();
}

export function findOrganisation(db: Db, id: string) {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

/** Adds or changes a person's role in an organisation. */
export function upsertMembership(
  db: Db,
  organisationId: string,
  userId: string,
  role: Role,
  now: number,
): void {
  db.insert(memberships)
    .values({ organisationId, userId, role, createdAt: now })
    .onConflictDoUpdate({ target: [memberships.organisationId, memberships.userId], set: { role } })
    .run();
}

export function findMembership(db: Db, organisationId: string, userId: string) {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .get();
}

/** Every organisation a person belongs to, with their role. */
export function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name)
    .all();
}
